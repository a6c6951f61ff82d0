using System.Text.Json;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.DeviceSettings;

/// <summary>A partial change of a device's settings (PUT /api/devices/{id}/config): absent fields keep their value.</summary>
public sealed record DeviceConfigPatch
{
    public static readonly string ProfileNames = string.Join(", ", Enum.GetValues<LatencyProfile>().Select(Name));

    public int? Volume { get; init; }
    /// <summary>Absent: unchanged. To go back to the sessions' own emergency volume, set <see cref="ClearEmergencyVolume"/>.</summary>
    public int? EmergencyVolume { get; init; }
    public bool? ClearEmergencyVolume { get; init; }
    public int? TelemetryIntervalS { get; init; }
    public string? LatencyProfile { get; init; }
    public RelayDelaysPatch? Relays { get; init; }

    public sealed record RelayDelaysPatch
    {
        public int? PowerOnDelayMs { get; init; }
        public int? AmplifierOnDelayMs { get; init; }
        public int? AmplifierOffDelayMs { get; init; }
        public int? PowerOffDelayMs { get; init; }
    }

    public bool IsEmpty => this == new DeviceConfigPatch() || this == new DeviceConfigPatch { Relays = new RelayDelaysPatch() };

    /// <summary>
    /// <paramref name="current"/> with this change, as version <paramref name="version"/>; a value out of range or an
    /// unknown profile is a <see cref="DeviceConfigException"/> naming the field.
    /// </summary>
    public DeviceConfig ApplyTo(DeviceConfig current, long version)
    {
        // A new version that changes nothing would only make every device store and report it again.
        if (IsEmpty) throw new DeviceConfigException("nothing to change: send at least one of volume, emergencyVolume, clearEmergencyVolume, telemetryIntervalS, latencyProfile, relays");
        var profile = current.LatencyProfile;
        if (LatencyProfile is { } name && !TryParseProfile(name, out profile))
            throw new DeviceConfigException($"latencyProfile must be one of {ProfileNames}, not '{name}'");
        if (ClearEmergencyVolume == true && EmergencyVolume is not null)
            throw new DeviceConfigException("emergencyVolume and clearEmergencyVolume cannot be sent together");
        var next = current with
        {
            Version = version,
            Volume = Volume ?? current.Volume,
            EmergencyVolume = ClearEmergencyVolume == true ? null : EmergencyVolume ?? current.EmergencyVolume,
            TelemetryIntervalS = TelemetryIntervalS ?? current.TelemetryIntervalS,
            LatencyProfile = profile,
            Relays = new RelayDelays
            {
                PowerOnDelayMs = Relays?.PowerOnDelayMs ?? current.Relays.PowerOnDelayMs,
                AmplifierOnDelayMs = Relays?.AmplifierOnDelayMs ?? current.Relays.AmplifierOnDelayMs,
                AmplifierOffDelayMs = Relays?.AmplifierOffDelayMs ?? current.Relays.AmplifierOffDelayMs,
                PowerOffDelayMs = Relays?.PowerOffDelayMs ?? current.Relays.PowerOffDelayMs,
            },
        };
        return next.Validate() is { } problem ? throw new DeviceConfigException(problem) : next;
    }

    /// <summary>The protocol's name of a profile (<c>standard</c>, <c>low</c>, <c>robust</c>).</summary>
    public static string Name(LatencyProfile profile) => JsonNamingPolicy.KebabCaseLower.ConvertName(profile.ToString());

    public static bool TryParseProfile(string? name, out LatencyProfile profile)
    {
        foreach (var value in Enum.GetValues<LatencyProfile>())
        {
            if (Name(value) != name) continue;
            profile = value;
            return true;
        }
        profile = default;
        return false;
    }
}
