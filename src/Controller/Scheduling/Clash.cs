namespace InfoRadio.Controller.Scheduling;

/// <summary>One slot of the new schedule overlapping one slot of an existing one, on the devices both reach.</summary>
public sealed record Clash(
    ScheduledSlot Candidate,
    ScheduledSlot Existing,
    BroadcastProgram ExistingProgram,
    ClashOutcome Outcome,
    IReadOnlyList<string> DeviceIds);
