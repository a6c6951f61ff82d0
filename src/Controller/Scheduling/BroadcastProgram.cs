using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Something the commune airs: its content, how it ranks (class, origin), who wrote it, whether and how it was
/// approved, what it does when preempted, and how long a slot of it lasts. Immutable: changes make a new record.
/// </summary>
public sealed record BroadcastProgram
{
    public const int MaxTitleLength = 200;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required ProgramContent Content { get; init; }
    public ProgramKind Kind => Content.Kind;
    public required PriorityClass Class { get; init; }
    public required OriginLevel Origin { get; init; }
    public required string Author { get; init; }

    /// <summary>When true the program airs only once an approver other than its author has approved it.</summary>
    public bool RequiresApproval { get; init; }
    public ApprovalState Approval { get; init; } = ApprovalState.Draft;
    public IReadOnlyList<ApprovalEvent> ApprovalHistory { get; init; } = [];

    public PreemptionPolicy Preemption { get; init; } = PreemptionPolicy.Resume;

    /// <summary>Length of one slot: the audio's length, or the reserved time for a relay or live slot.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Whether a slot of this program may go on air now.</summary>
    public bool CanAir => !RequiresApproval || Approval == ApprovalState.Approved;

    /// <summary>The reason of the last rejection, if the program stands rejected.</summary>
    public string? RejectionReason =>
        Approval == ApprovalState.Rejected ? ApprovalHistory.LastOrDefault(e => e.Action == ApprovalAction.Rejected)?.Reason : null;

    /// <summary>Null when the program is usable, else why not.</summary>
    public string? Validate()
    {
        if (Identifiers.Check(Id, "program id") is { } id) return id;
        if (string.IsNullOrWhiteSpace(Title)) return "title is empty";
        if (Title.Length > MaxTitleLength) return $"title is longer than {MaxTitleLength} characters";
        if (Title.Any(char.IsControl)) return "title contains control characters";
        if (Content is null) return "content is missing";
        if (Content.Validate() is { } content) return content;
        if (!Enum.IsDefined(Class)) return "unknown priority class";
        if (!Enum.IsDefined(Origin)) return "unknown origin level";
        if (string.IsNullOrWhiteSpace(Author)) return "author is empty";
        if (!Enum.IsDefined(Approval)) return "unknown approval state";
        if (!Enum.IsDefined(Preemption)) return "unknown preemption policy";
        if (Duration <= TimeSpan.Zero || Duration > MaxDuration) return $"duration must be more than zero and at most {MaxDuration.TotalHours} hours";
        if (Duration.Ticks % TimeSpan.TicksPerSecond != 0) return "duration must be a whole number of seconds";
        return null;
    }

    public bool Equals(BroadcastProgram? other) =>
        other is not null && Id == other.Id && Title == other.Title && Equals(Content, other.Content) &&
        Class == other.Class && Origin == other.Origin && Author == other.Author &&
        RequiresApproval == other.RequiresApproval && Approval == other.Approval &&
        ApprovalHistory.SequenceEqual(other.ApprovalHistory) && Preemption == other.Preemption && Duration == other.Duration;

    public override int GetHashCode() => HashCode.Combine(Id, Title, Approval, Duration);
}
