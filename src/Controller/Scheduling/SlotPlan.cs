namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// One tick's decisions, already written to the ledger: slots to start now (on time or late), slots logged as
/// missed, and schedules that could not be expanded (to log and count; their slots cannot be known).
/// </summary>
public sealed record SlotPlan(
    IReadOnlyList<PlannedSlot> ToStart,
    IReadOnlyList<AirRecord> Missed,
    IReadOnlyList<ScheduleProblem> Problems)
{
    public static SlotPlan Empty { get; } = new([], [], []);
}
