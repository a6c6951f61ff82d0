namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// One tick's decisions: slots to start now (on time or late; <see cref="SlotPlanner.Claim"/> each before starting
/// it), slots logged as missed (already in the ledger), and schedules that could not be expanded (to log and count;
/// their slots cannot be known).
/// </summary>
public sealed record SlotPlan(
    IReadOnlyList<PlannedSlot> ToStart,
    IReadOnlyList<AirRecord> Missed,
    IReadOnlyList<ScheduleProblem> Problems)
{
    public static SlotPlan Empty { get; } = new([], [], []);
}
