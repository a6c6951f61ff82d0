using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.DeviceSettings;

/// <summary>
/// The settings a device has before anyone changed them (section <c>DeviceConfig</c>): what GET shows at version
/// 0, and the base of a device's first change.
/// </summary>
public sealed class DeviceConfigOptions
{
    public const string Section = "DeviceConfig";

    public int Volume { get; set; } = 80;
    public int? EmergencyVolume { get; set; } = 100;
    public int TelemetryIntervalS { get; set; } = 60;
    /// <summary><c>standard</c>, <c>low</c> or <c>robust</c> (protocol section 8.7).</summary>
    public string LatencyProfile { get; set; } = "standard";
    public int PowerOnDelayMs { get; set; } = 500;
    public int AmplifierOnDelayMs { get; set; } = 200;
    public int AmplifierOffDelayMs { get; set; } = 3_000;
    public int PowerOffDelayMs { get; set; } = 1_000;

    /// <summary>The defaults as a configuration of version <paramref name="version"/>; throws when they are invalid.</summary>
    public DeviceConfig ToConfig(long version = 1)
    {
        if (!DeviceConfigPatch.TryParseProfile(LatencyProfile, out var profile))
            throw new InvalidOperationException($"{Section}:LatencyProfile '{LatencyProfile}' is not one of {DeviceConfigPatch.ProfileNames}");
        return new DeviceConfig
        {
            Version = version,
            Volume = Volume,
            EmergencyVolume = EmergencyVolume,
            TelemetryIntervalS = TelemetryIntervalS,
            LatencyProfile = profile,
            Relays = new RelayDelays
            {
                PowerOnDelayMs = PowerOnDelayMs,
                AmplifierOnDelayMs = AmplifierOnDelayMs,
                AmplifierOffDelayMs = AmplifierOffDelayMs,
                PowerOffDelayMs = PowerOffDelayMs,
            },
        };
    }

    /// <summary>Every problem of the defaults (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        try
        {
            return ToConfig().Validate() is { } problem ? [$"{Section}: {problem}"] : [];
        }
        catch (InvalidOperationException ex)
        {
            return [ex.Message];
        }
    }
}
