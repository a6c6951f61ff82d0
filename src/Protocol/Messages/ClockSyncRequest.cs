using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Device → controller on <c>devices/{id}/clock/req</c>: <c>T0</c> is the device clock when sent.</summary>
public sealed record ClockSyncRequest : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required long Seq { get; init; }
    public required long T0Us { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        Check.Range(Seq, 0, long.MaxValue, "seq"),
        Check.Range(T0Us, 0, long.MaxValue, "t0Us"));
}
