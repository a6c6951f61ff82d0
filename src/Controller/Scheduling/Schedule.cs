using InfoRadio.Protocol;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// When a program airs and where: recurrence lines (DTSTART + RRULE in Asia/Ho_Chi_Minh), the targets, and the
/// broadcaster's stored choice for a clash with an equal-ranked program. Slots that start before
/// <see cref="CreatedAt"/> are not owed (a new schedule does not owe its past), and none start at or after
/// <see cref="CancelledAt"/>: that is how a repeating warning is stopped.
/// </summary>
public sealed record Schedule
{
    public const int MaxLines = 48;

    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required IReadOnlyList<RecurrenceLine> Lines { get; init; }
    public required TargetSet Targets { get; init; }
    public ClashPolicy ClashPolicy { get; init; } = ClashPolicy.Append;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Stops every slot from <paramref name="at"/> on; cancelling again never brings slots back.</summary>
    public Schedule Cancel(DateTimeOffset at) =>
        CancelledAt is { } earlier && earlier <= at ? this : this with { CancelledAt = at };

    /// <summary>Whether a slot starting at <paramref name="start"/> is still owed under this schedule.</summary>
    public bool Owes(DateTimeOffset start) => start >= CreatedAt && (CancelledAt is not { } c || start < c);

    public string? Validate()
    {
        if (Identifiers.Check(Id, "schedule id") is { } id) return id;
        if (Identifiers.Check(ProgramId, "program id") is { } program) return program;
        if (Lines is null || Lines.Count == 0) return "the schedule has no start";
        if (Lines.Count > MaxLines) return $"more than {MaxLines} recurrence lines";
        foreach (var line in Lines)
            if (line.Validate() is { } error) return error;
        if (Targets is null) return "targets are missing";
        if (Targets.Validate() is { } targets) return targets;
        if (!Enum.IsDefined(ClashPolicy)) return "unknown clash policy";
        if (CancelledAt is { } c && c < CreatedAt) return "cancelled before it was created";
        return null;
    }

    public bool Equals(Schedule? other) =>
        other is not null && Id == other.Id && ProgramId == other.ProgramId && Lines.SequenceEqual(other.Lines) &&
        Targets.Equals(other.Targets) && ClashPolicy == other.ClashPolicy && CreatedAt == other.CreatedAt &&
        CancelledAt == other.CancelledAt;

    public override int GetHashCode() => HashCode.Combine(Id, ProgramId, Lines.Count, CreatedAt);
}
