using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Device registry loaded {Count} devices")]
    private partial void LogLoaded(int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Skipping unreadable device record: {Problem}")]
    private partial void LogUnreadableRecord(string problem);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Device {DeviceId} registered")]
    private partial void LogRegistered(string deviceId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Device {DeviceId}: secret rotated")]
    private partial void LogSecretRotated(string deviceId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Device {DeviceId} deleted")]
    private partial void LogDeleted(string deviceId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Ignoring an update for unregistered device {DeviceId}")]
    private partial void LogUnknownDevice(string deviceId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "A device registry subscriber failed for device {DeviceId}")]
    private partial void LogHandlerFailed(Exception exception, string deviceId);
}
