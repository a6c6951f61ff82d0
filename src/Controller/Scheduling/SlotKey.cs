namespace InfoRadio.Controller.Scheduling;

/// <summary>Identifies one slot for good: its schedule and its start instant. The air ledger is keyed by it.</summary>
public readonly record struct SlotKey(string ScheduleId, DateTimeOffset Start)
{
    public override string ToString() => $"{ScheduleId}@{Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
}
