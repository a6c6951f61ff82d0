using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Broker.External;

public sealed partial class MosquittoDynsecManager
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning, Message = "mosquitto dynsec at {Host}: {Message}; retrying in {Seconds} s")]
    private partial void LogLinkFailedCore(Exception ex, string host, string message, double seconds);

    private void LogLinkFailed(Exception ex, string host, double seconds) => LogLinkFailedCore(ex, host, ex.Message, seconds);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information, Message = "mosquitto dynsec reconciled: {Devices} registered devices, {Deleted} stale accounts deleted")]
    private partial void LogReconciled(int devices, int deleted);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Warning, Message = "{Count} registered devices have no mosquitto account and cannot connect until their secret is rotated: {Devices}")]
    private partial void LogMissingAccounts(int count, string devices);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "mosquitto account of device {DeviceId} set")]
    private partial void LogAccountSet(string deviceId);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Information, Message = "mosquitto account of device {DeviceId} deleted")]
    private partial void LogAccountDeleted(string deviceId);

    [LoggerMessage(EventId = 4705, Level = LogLevel.Information, Message = "mosquitto account of device {DeviceId} disabled (revoked)")]
    private partial void LogAccountDisabled(string deviceId);
}
