namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    /// <summary>
    /// Sets (or with null clears) the technician's surveyed position of a device; false when it is not registered.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is not a valid latitude/longitude.</exception>
    public bool SetSurveyedPosition(string id, double? latitude, double? longitude)
    {
        DevicePosition? position = latitude is { } lat && longitude is { } lon ? new DevicePosition(lat, lon, DevicePosition.Surveyed) : null;
        if (position is { IsValid: false }) throw new ArgumentOutOfRangeException(nameof(latitude), "latitude must be within ±90 and longitude within ±180");
        DeviceView view;
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var entry)) return false;
            entry.Surveyed = position;
            _collection.Update(DeviceDocument.From(entry));
            view = entry.ToView();
        }
        LogPositioned(id, position is null ? "cleared" : $"{position.Latitude:0.######},{position.Longitude:0.######}");
        RaiseChanged(view);
        return true;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1108, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Device {DeviceId} surveyed position {Position}")]
    private partial void LogPositioned(string deviceId, string position);
}
