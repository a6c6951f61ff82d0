using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>A play event on <c>devices/{id}/events</c> (QoS 1). <see cref="Id"/> makes redelivery idempotent.</summary>
public sealed record DeviceEvent : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required string Id { get; init; }
    public required DeviceEventType Type { get; init; }
    public required long AtUs { get; init; }
    public string? Session { get; init; }
    /// <summary>Stream position (48 kHz samples) the event refers to.</summary>
    public long? Position { get; init; }
    /// <summary>Frames concealed or skipped in the session so far.</summary>
    public long? Underruns { get; init; }
    public string? Reason { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        Identifiers.Check(Id, "id"),
        Check.Defined(Type, "type"),
        Check.Timestamp(AtUs, "atUs"),
        Session is null ? (Type is DeviceEventType.Error ? null : "session is required") : Identifiers.Check(Session, "session"),
        Position is { } p ? Check.Range(p, 0, long.MaxValue, "position") : null,
        Underruns is { } u ? Check.Range(u, 0, long.MaxValue, "underruns") : null,
        Check.Text(Reason, 500, "reason"));
}
