namespace InfoRadio.Controller.DeviceSettings;

/// <summary>
/// GET/PUT /api/devices/{id}/config: the settings in force on the controller (<see cref="Version"/> 0: the
/// defaults, never pushed) and the version the device last reported applied.
/// </summary>
public sealed record DeviceConfigView(string DeviceId, long Version, long? AppliedVersion, DeviceConfigBody Config);

/// <summary>The settings as the API shows them (the profile by its protocol name).</summary>
public sealed record DeviceConfigBody(int Volume, int? EmergencyVolume, int TelemetryIntervalS, string LatencyProfile, RelayDelaysBody Relays);

public sealed record RelayDelaysBody(int PowerOnDelayMs, int AmplifierOnDelayMs, int AmplifierOffDelayMs, int PowerOffDelayMs);
