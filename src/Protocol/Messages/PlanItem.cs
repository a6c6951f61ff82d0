namespace InfoRadio.Protocol.Messages;

/// <summary>
/// One scheduled airing a device may have to play from its cache. <see cref="Id"/> names the slot: the controller
/// puts it in <see cref="SessionInfo.Slot"/> of every session that airs this slot, and a device playing the slot from
/// its cache reports its play events with <see cref="Id"/> as their session.
/// </summary>
public sealed record PlanItem : IValidatable
{
    public required string Id { get; init; }
    /// <summary>The program's id on the controller.</summary>
    public required string Program { get; init; }
    public string? Title { get; init; }
    /// <summary>Controller time (unix µs) at which the content's first sample sounds.</summary>
    public required long StartUs { get; init; }
    public required PriorityClass Priority { get; init; }
    public required OriginLevel Origin { get; init; }
    /// <summary>Volume 0–100 forced for this item, or null for the device's own volume.</summary>
    public int? Volume { get; init; }
    public required PlanContent Content { get; init; }

    public string? Validate() => Check.First(
        Identifiers.Check(Id, "id"),
        Identifiers.Check(Program, "program"),
        Check.Text(Title, 200, "title"),
        Check.Timestamp(StartUs, "startUs"),
        Check.Defined(Priority, "priority"),
        Check.Defined(Origin, "origin"),
        Volume is { } v ? Check.Range(v, 0, 100, "volume") : null,
        Content is null ? "content is required" : Content.Validate() is { } c ? "content: " + c : null);
}
