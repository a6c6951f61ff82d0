using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Retained on <c>devices/{id}/state</c>. The device publishes it on connect and on every change; its Last Will
/// is the same message with <see cref="Online"/> false, so the broker announces a lost link.
/// </summary>
public sealed record ReportedState : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required bool Online { get; init; }
    /// <summary>Device time (unix µs) of the report; 0 in a Last Will, which is written before it is needed.</summary>
    public long AtUs { get; init; }
    public string? Firmware { get; init; }
    /// <summary>Session playing now, or null when silent.</summary>
    public string? Session { get; init; }
    public int? Volume { get; init; }
    /// <summary>True while the device is muted (normal and priority sessions silent; an emergency still sounds).</summary>
    public bool? Muted { get; init; }
    /// <summary>Highest desired-state revision the device has applied.</summary>
    public long? DesiredRev { get; init; }
    /// <summary>Version of the <see cref="DeviceConfig"/> the device applied last; absent before its first one.</summary>
    public long? ConfigVersion { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        AtUs == 0 ? null : Check.Timestamp(AtUs, "atUs"),
        Check.Text(Firmware, 64, "firmware"),
        Session is null ? null : Identifiers.Check(Session, "session"),
        Volume is { } v ? Check.Range(v, 0, 100, "volume") : null,
        DesiredRev is { } rev ? Check.Range(rev, 0, long.MaxValue, "desiredRev") : null,
        ConfigVersion is { } config ? Check.Range(config, 1, long.MaxValue, "configVersion") : null);
}
