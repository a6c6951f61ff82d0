using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Controller → device on <c>devices/{id}/clock/resp</c>: echoes <c>T0</c> and adds the controller clock when the
/// request arrived (<c>T1</c>) and when the response left (<c>T2</c>). The device notes <c>T3</c> on arrival.
/// </summary>
public sealed record ClockSyncResponse : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required long Seq { get; init; }
    public required long T0Us { get; init; }
    public required long T1Us { get; init; }
    public required long T2Us { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        Check.Range(Seq, 0, long.MaxValue, "seq"),
        Check.Range(T0Us, 0, long.MaxValue, "t0Us"),
        Check.Timestamp(T1Us, "t1Us"),
        Check.Timestamp(T2Us, "t2Us"),
        T2Us >= T1Us ? null : "t2Us is before t1Us");
}
