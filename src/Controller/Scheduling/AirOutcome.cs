namespace InfoRadio.Controller.Scheduling;

/// <summary>What became of a slot, as the air ledger records it: each slot gets exactly one outcome.</summary>
public enum AirOutcome
{
    /// <summary>Started at its time (within the on-time tolerance).</summary>
    OnTime,
    /// <summary>Started late, within the grace window, typically after the controller was down.</summary>
    Late,
    /// <summary>Not aired; the record says why.</summary>
    Missed,
}
