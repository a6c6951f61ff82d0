namespace InfoRadio.Controller.Scheduling;

/// <summary>The air ledger's entry for one slot: what became of it, when that was decided, and why if missed.</summary>
public sealed record AirRecord(
    SlotKey Key,
    string ProgramId,
    AirOutcome Outcome,
    DateTimeOffset DecidedAt,
    MissReason? Reason = null,
    string? Detail = null)
{
    public bool Aired => Outcome is AirOutcome.OnTime or AirOutcome.Late;
}
