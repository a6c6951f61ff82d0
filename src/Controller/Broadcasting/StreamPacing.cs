namespace InfoRadio.Controller.Broadcasting;

/// <summary>When a stream's packets leave: its session's epoch and latency, the profile's send-ahead, and how many frames the retained head carries (0: none).</summary>
public sealed record StreamPacing(long EpochUs, int LatencyMs, TimeSpan SendAhead, int HeadFrames);
