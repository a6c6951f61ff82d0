namespace InfoRadio.Controller.Scheduling;

/// <summary>One occurrence of a schedule: its program airs from <see cref="Start"/> for <see cref="Duration"/>.</summary>
public sealed record ScheduledSlot(string ScheduleId, string ProgramId, DateTimeOffset Start, TimeSpan Duration)
{
    public DateTimeOffset End => Start + Duration;
    public SlotKey Key => new(ScheduleId, Start);

    public bool Overlaps(ScheduledSlot other) => Start < other.End && other.Start < End;
}
