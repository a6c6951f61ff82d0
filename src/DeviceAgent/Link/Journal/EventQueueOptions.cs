namespace InfoRadio.DeviceAgent.Link.Journal;

/// <summary>
/// Bounds of the durable event queue (section <c>Agent:EventQueue</c>): play events wait on disk, in the state
/// directory, until the broker acknowledged them; when a long outage fills the queue, the oldest make room and the
/// controller is told how many with an Error event once the link returns.
/// </summary>
public sealed class EventQueueOptions
{
    /// <summary>Events kept at most (a day of a busy schedule is a few hundred).</summary>
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>Payload bytes kept at most, in KiB.</summary>
    public int MaxKilobytes { get; set; } = 4_096;
}
