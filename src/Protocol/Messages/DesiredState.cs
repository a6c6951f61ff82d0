using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Retained on <c>devices/{id}/desired</c> or <c>zones/{zone}/desired</c>: the sessions the controller wants the
/// addressed devices to play now. A device plays the highest-ranked session of the union of every desired
/// state it subscribes to. An empty list means: play nothing from this source.
/// </summary>
public sealed record DesiredState : IValidatable
{
    public const int MaxSessions = 16;

    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    /// <summary>Grows with every change of this topic, so a device can ignore a stale copy.</summary>
    public required long Rev { get; init; }
    public required long IssuedUs { get; init; }
    public required IReadOnlyList<SessionInfo> Sessions { get; init; }
    /// <summary>What is scheduled next for the addressed devices, if anything (informational).</summary>
    public NextItem? Next { get; init; }
    /// <summary>The device's settings; only on <c>devices/{id}/desired</c> (a device ignores it on a zone's topic).</summary>
    public DeviceConfig? Config { get; init; }

    public string? Validate()
    {
        var reason = Check.First(
            Check.Version(V),
            Check.Range(Rev, 0, long.MaxValue, "rev"),
            Check.Timestamp(IssuedUs, "issuedUs"),
            Sessions is null ? "sessions is required" : null,
            Sessions is { Count: > MaxSessions } ? $"more than {MaxSessions} sessions" : null,
            Next?.Validate() is { } next ? "next: " + next : null,
            Config?.Validate() is { } config ? "config: " + config : null);
        if (reason is not null) return reason;
        for (var i = 0; i < Sessions!.Count; i++)
        {
            if (Sessions[i] is null) return $"sessions[{i}] is null";
            if (Sessions[i].Validate() is { } inner) return $"sessions[{i}]: {inner}";
        }
        return null;
    }
}
