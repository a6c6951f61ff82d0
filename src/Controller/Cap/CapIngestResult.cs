namespace InfoRadio.Controller.Cap;

public enum CapOutcome
{
    /// <summary>New in the ledger (whatever was decided for it).</summary>
    Accepted,
    /// <summary>The same sender, identifier and sent were taken in before: nothing was done again.</summary>
    Duplicate,
    /// <summary>Not a valid CAP 1.2 alert: nothing was recorded.</summary>
    Invalid,
}

/// <summary>What became of one posted document.</summary>
public sealed record CapIngestResult(CapOutcome Outcome, CapRecord? Record, IReadOnlyList<string> Errors)
{
    public static CapIngestResult Invalid(IReadOnlyList<string> errors) => new(CapOutcome.Invalid, null, errors);
}

/// <summary>What became of an approval or rejection.</summary>
public enum CapDecisionOutcome
{
    Done,
    NotFound,
    /// <summary>The approver posted the alert (or is the feed account that did).</summary>
    SameActor,
    /// <summary>The alert is not waiting for approval.</summary>
    NotPending,
}

public sealed record CapDecisionResult(CapDecisionOutcome Outcome, CapRecord? Record, string? Detail = null);
