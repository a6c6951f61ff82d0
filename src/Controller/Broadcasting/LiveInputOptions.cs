namespace InfoRadio.Controller.Broadcasting;

/// <summary>Section <c>Broadcast:LiveInput</c>: what the controller accepts from a live source.</summary>
public sealed class LiveInputOptions
{
    /// <summary>Largest binary message: 19200 bytes is 200 ms of 16-bit 48 kHz mono.</summary>
    public int MaxMessageBytes { get; set; } = 19_200;

    /// <summary>A source that sends no audio for this long is treated as gone and its session ends.</summary>
    public int IdleTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// How late input may arrive against its place on the timeline and still reach the speakers in time (its
    /// packet must still fill and travel within the live latency).
    /// </summary>
    public int MaxInputLagMs { get; set; } = 80;

    /// <summary>
    /// Input that keeps running further ahead of real time than this adds delay: after <see cref="CorrectAfterMs"/>
    /// a chunk is dropped. (The profile's <c>SendAheadMs</c> is the hard limit.)
    /// </summary>
    public int TargetLeadMs { get; set; } = 20;

    /// <summary>
    /// How long input must stay astray before the controller corrects the timeline: input still later than
    /// <see cref="MaxInputLagMs"/> (and not catching up) is a pause, whose gap is filled with silence; input still
    /// further ahead than <see cref="TargetLeadMs"/> loses a chunk.
    /// </summary>
    public int CorrectAfterMs { get; set; } = 200;

    /// <summary>Live sessions that may run at once.</summary>
    public int MaxSessions { get; set; } = 4;
}
