using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Periodic report of a speaker cluster's health, on <c>devices/{id}/telemetry</c>. All but the time are optional.</summary>
public sealed record Telemetry : IValidatable
{
    // Required on the wire: the source-generated reader would otherwise read a missing "v" as 0, not as the default.
    [JsonRequired]
    public int V { get; init; } = ProtocolVersion.Current;
    public required long AtUs { get; init; }
    public string? Serial { get; init; }
    public string? Imei { get; init; }
    public string? Firmware { get; init; }
    /// <summary>Link in use: <c>4g</c>, <c>ethernet</c>, <c>wifi</c>…</summary>
    public string? Network { get; init; }
    public int? SignalDbm { get; init; }
    public string? Ip { get; init; }
    public int? Volume { get; init; }
    public string? Session { get; init; }
    public long? PlaySecondsToday { get; init; }
    public double? TemperatureC { get; init; }
    public double? SupplyVolts { get; init; }
    public bool? MainsLost { get; init; }
    /// <summary><c>ok</c>, <c>open</c> or <c>short</c>.</summary>
    public string? AmplifierFault { get; init; }
    public string? SpeakerFault { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public long? UptimeS { get; init; }
    /// <summary>Audio frames concealed or lost since the agent started.</summary>
    public long? Underruns { get; init; }
    /// <summary>Relay 1 (amplifier power supply) is switched on.</summary>
    public bool? PowerRelay { get; init; }
    /// <summary>Relay 2 (amplifier) is switched on.</summary>
    public bool? AmplifierRelay { get; init; }

    public string? Validate() => Check.First(
        Check.Version(V),
        Check.Timestamp(AtUs, "atUs"),
        Check.Text(Serial, 64, "serial"),
        Check.Text(Imei, 20, "imei"),
        Check.Text(Firmware, 64, "firmware"),
        Check.Text(Network, 16, "network"),
        SignalDbm is { } s ? Check.Range(s, -160, 0, "signalDbm") : null,
        Check.Text(Ip, 45, "ip"),
        Volume is { } v ? Check.Range(v, 0, 100, "volume") : null,
        Session is null ? null : Identifiers.Check(Session, "session"),
        PlaySecondsToday is { } p ? Check.Range(p, 0, 86_400, "playSecondsToday") : null,
        TemperatureC is { } t ? Check.Range(t, -60.0, 150.0, "temperatureC") : null,
        SupplyVolts is { } u ? Check.Range(u, 0.0, 400.0, "supplyVolts") : null,
        Fault(AmplifierFault, "amplifierFault"),
        Fault(SpeakerFault, "speakerFault"),
        Latitude is { } lat ? Check.Range(lat, -90.0, 90.0, "latitude") : null,
        Longitude is { } lon ? Check.Range(lon, -180.0, 180.0, "longitude") : null,
        UptimeS is { } up ? Check.Range(up, 0, long.MaxValue, "uptimeS") : null,
        Underruns is { } un ? Check.Range(un, 0, long.MaxValue, "underruns") : null);

    private static string? Fault(string? value, string field) =>
        value is null or "ok" or "open" or "short" ? null : $"{field} must be ok, open or short";
}
