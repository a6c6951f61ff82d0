namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// A slot to put on air now. <see cref="Lateness"/> is how long after its start that is; <see cref="PlayDuration"/>
/// is how long to air (a relay or live slot joined late keeps its scheduled end; anything else plays in full).
/// </summary>
public sealed record PlannedSlot(
    ScheduledSlot Slot,
    BroadcastProgram Program,
    Schedule Schedule,
    AirOutcome Outcome,
    TimeSpan Lateness,
    TimeSpan PlayDuration);
