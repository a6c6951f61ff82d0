namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    /// <summary>
    /// Sets where a device stands: its village (official code, or null) and its zones. The caller checks that the
    /// village and zones exist (see <c>Targets.TargetDirectory</c>); false when the device is not registered.
    /// </summary>
    public bool SetPlacement(string id, string? villageCode, IEnumerable<string> zones)
    {
        var zoneList = zones.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        DeviceView view;
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry)) return false;
            entry.VillageCode = villageCode;
            entry.Zones = zoneList;
            _collection.Update(DeviceDocument.From(entry));
            view = entry.ToView();
        }
        LogPlaced(id, villageCode ?? "-", string.Join(",", zoneList));
        RaiseChanged(view);
        return true;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1107, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Device {DeviceId} placed in village {Village}, zones {Zones}")]
    private partial void LogPlaced(string deviceId, string village, string zones);
}
