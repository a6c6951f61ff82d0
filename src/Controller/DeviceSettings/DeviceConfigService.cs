using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Targets;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.DeviceSettings;

/// <summary>
/// Changes devices' settings: each change of a device gives it the next version, is stored, and goes out at once
/// on the device's desired topic (retained, so a device that is offline gets it when it reconnects). Sessions on
/// that topic are left as they are.
/// </summary>
public sealed partial class DeviceConfigService(
    DeviceConfigStore store,
    DesiredStatePublisher publisher,
    DeviceRegistry registry,
    TargetDirectory directory,
    IOptions<DeviceConfigOptions> options,
    ILogger<DeviceConfigService> logger)
{
    /// <summary>The device's settings, or null when there is no such device.</summary>
    public DeviceConfigView? Get(string deviceId)
    {
        if (registry.Find(deviceId) is null) return null;
        var stored = store.ConfigFor(deviceId);
        return View(deviceId, stored ?? options.Value.ToConfig(), isDefault: stored is null);
    }

    /// <summary>Applies <paramref name="patch"/> to one device and pushes the new version.</summary>
    /// <exception cref="DeviceConfigException">A value is invalid.</exception>
    /// <exception cref="KeyNotFoundException">No such device.</exception>
    public async Task<DeviceConfigView> UpdateAsync(string deviceId, DeviceConfigPatch patch, CancellationToken ct)
    {
        if (registry.Find(deviceId) is null) throw new KeyNotFoundException($"no speaker with id '{deviceId}'");
        // Checked against the defaults first, so a bad value is refused before anything is stored.
        patch.ApplyTo(options.Value.ToConfig(), 1);
        var config = store.Update(deviceId, current => patch.ApplyTo(current ?? options.Value.ToConfig(0), (current?.Version ?? 0) + 1));
        LogChanged(deviceId, config.Version);
        await publisher.PublishDevicesAsync([deviceId], ct);
        return View(deviceId, config, isDefault: false);
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to every device of the zone (<c>all</c>: every device), each getting its own
    /// next version, and pushes them.
    /// </summary>
    /// <exception cref="DeviceConfigException">A value is invalid (nothing is changed then).</exception>
    /// <exception cref="KeyNotFoundException">No such zone.</exception>
    public async Task<IReadOnlyList<DeviceConfigView>> UpdateZoneAsync(string zoneId, DeviceConfigPatch patch, CancellationToken ct)
    {
        if (zoneId != TargetDirectory.AllZone && directory.FindZone(zoneId) is null) throw new KeyNotFoundException($"no zone with id '{zoneId}'");
        patch.ApplyTo(options.Value.ToConfig(), 1);
        var members = registry.List().Where(d => zoneId == TargetDirectory.AllZone || d.Zones.Contains(zoneId)).Select(d => d.Id).ToArray();
        var views = new List<DeviceConfigView>(members.Length);
        foreach (var id in members)
        {
            // Valid against the defaults is not valid against every device's own values only for a pair of fields
            // sent together, which ApplyTo refuses whatever the base; so no device fails here after the check above.
            var config = store.Update(id, current => patch.ApplyTo(current ?? options.Value.ToConfig(0), (current?.Version ?? 0) + 1));
            views.Add(View(id, config, isDefault: false));
        }
        LogZoneChanged(zoneId, members.Length);
        await publisher.PublishDevicesAsync(members, ct);
        return views;
    }

    private DeviceConfigView View(string deviceId, DeviceConfig config, bool isDefault) => new(
        deviceId,
        isDefault ? 0 : config.Version,
        store.AppliedVersion(deviceId),
        new DeviceConfigBody(config.Volume, config.EmergencyVolume, config.TelemetryIntervalS, DeviceConfigPatch.Name(config.LatencyProfile),
            new RelayDelaysBody(config.Relays.PowerOnDelayMs, config.Relays.AmplifierOnDelayMs, config.Relays.AmplifierOffDelayMs,
                config.Relays.PowerOffDelayMs)));

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Settings of device {DeviceId} changed to version {Version}; pushed")]
    private partial void LogChanged(string deviceId, long version);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Settings of zone {ZoneId} changed: {Devices} devices, each with its next version; pushed")]
    private partial void LogZoneChanged(string zoneId, int devices);
}
