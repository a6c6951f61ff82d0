namespace InfoRadio.Protocol.Messages;

/// <summary>
/// A device's settings, pushed by the controller inside the device's own desired state (<c>devices/{id}/desired</c>,
/// never a zone's) and versioned per device: the device applies a version it has not applied yet, keeps it across
/// restarts, and reports it as <see cref="ReportedState.ConfigVersion"/>.
/// </summary>
public sealed record DeviceConfig : IValidatable
{
    public const int MinTelemetryIntervalS = 5;
    public const int MaxTelemetryIntervalS = 86_400;

    /// <summary>Grows by one with every change of this device's settings.</summary>
    public required long Version { get; init; }
    /// <summary>The device's own volume 0–100 (a set-volume command changes it until the next configuration).</summary>
    public required int Volume { get; init; }
    /// <summary>Volume of emergency sessions 0–100; null: the session's forced volume (or the device's own).</summary>
    public int? EmergencyVolume { get; init; }
    public required int TelemetryIntervalS { get; init; }
    public required LatencyProfile LatencyProfile { get; init; }
    public required RelayDelays Relays { get; init; }

    public string? Validate() => Check.First(
        Check.Range(Version, 1, long.MaxValue, "version"),
        Check.Range(Volume, 0, 100, "volume"),
        EmergencyVolume is { } e ? Check.Range(e, 0, 100, "emergencyVolume") : null,
        Check.Range(TelemetryIntervalS, MinTelemetryIntervalS, MaxTelemetryIntervalS, "telemetryIntervalS"),
        Check.Defined(LatencyProfile, "latencyProfile"),
        Relays is null ? "relays is required" : Relays.Validate() is { } relays ? "relays: " + relays : null);
}
