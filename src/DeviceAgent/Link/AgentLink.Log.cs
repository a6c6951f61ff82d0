using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Link;

internal sealed partial class AgentLink
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Host}:{Port} as {DeviceId}")]
    private static partial void LogConnected(ILogger logger, string host, int port, string deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Host}:{Port} refused device {DeviceId}: {ResultCode} {ReasonString}. Check Agent:DeviceId and Agent:Secret; retrying with backoff")]
    private static partial void LogRefused(ILogger logger, string host, int port, string deviceId, string resultCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to {Host}:{Port}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting in {DelayMs} ms (attempt {Attempt})")]
    private static partial void LogReconnectIn(ILogger logger, long delayMs, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection lost: {Reason} {Detail}")]
    private static partial void LogDisconnected(ILogger logger, string reason, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected from the broker")]
    private static partial void LogClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribed to {Topic}")]
    private static partial void LogSubscribed(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribed from {Topic}")]
    private static partial void LogUnsubscribed(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker refused the subscription to {Topic}: {ResultCode} {ReasonString}")]
    private static partial void LogSubscribeRefused(ILogger logger, string topic, string resultCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changing the audio subscription failed: {Reason}")]
    private static partial void LogSubscriptionChangeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker refused a publish to {Topic}: {ReasonCode} {ReasonString}")]
    private static partial void LogPublishRefused(ILogger logger, string topic, string reasonCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing to {Topic} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The link's {Handler} handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean shutdown of the link incomplete: {Reason}")]
    private static partial void LogShutdownIncomplete(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT over TLS to {Host}:{Port}, trusting {Trust}")]
    private static partial void LogTls(ILogger logger, string host, int port, string trust);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event for {Topic} was not queued: {Reason}")]
    private static partial void LogEventTooLarge(ILogger logger, string topic, string reason);
}
