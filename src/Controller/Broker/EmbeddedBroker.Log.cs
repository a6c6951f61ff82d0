using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace InfoRadio.Controller.Broker;

public sealed partial class EmbeddedBroker
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on port {Port}")]
    private partial void LogListening(int port);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Critical, Message = "Embedded MQTT broker failed to start on port {Port}")]
    private partial void LogStartFailed(Exception exception, int port);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
    private partial void LogStopped();

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning,
        Message = "MQTT connection refused ({ReasonCode}): {Reason}; client id '{ClientId}', username '{UserName}', from {Endpoint}")]
    private partial void LogConnectionRefused(string clientId, string userName, string endpoint, MqttConnectReasonCode reasonCode, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning,
        Message = "MQTT publish denied and dropped: client '{ClientId}' to '{Topic}' (retain {Retain}): {Reason}")]
    private partial void LogPublishDenied(string clientId, string topic, bool retain, string reason);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning,
        Message = "MQTT subscription denied: client '{ClientId}' to '{Filter}': {Reason}")]
    private partial void LogSubscribeDenied(string clientId, string filter, string reason);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Debug, Message = "MQTT client '{ClientId}' connected from {Endpoint}")]
    private partial void LogClientConnected(string clientId, string endpoint);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Debug, Message = "MQTT client '{ClientId}' from {Endpoint} disconnected ({DisconnectType})")]
    private partial void LogClientDisconnected(string clientId, string endpoint, MqttClientDisconnectType disconnectType);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Information, Message = "Disconnected device '{DeviceId}': its credentials were revoked")]
    private partial void LogRevokedDisconnected(string deviceId);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Warning, Message = "Could not disconnect device '{DeviceId}' after revoking its credentials")]
    private partial void LogRevokedDisconnectFailed(Exception exception, string deviceId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Embedded MQTT broker listening with TLS on port {TlsPort}; plain endpoint {Plain}")]
    private partial void LogListeningTls(int tlsPort, string plain);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning,
        Message = "MQTT connections locked out for {Seconds} s after repeated failures, by {Scope}: {Key}")]
    private partial void LogLockout(string scope, string key, int seconds);

    [LoggerMessage(EventId = 1224, Level = LogLevel.Warning,
        Message = "MQTT client '{ClientId}' reads slower than its messages come: its queue is full (Broker:MaxPendingMessagesPerClient), the oldest message on '{Topic}' was dropped ({HeldBack} more drops since the last warning)")]
    private partial void LogQueueOverflow(string clientId, string topic, long heldBack);

    [LoggerMessage(EventId = 1225, Level = LogLevel.Warning,
        Message = "The controller reads device messages slower than they come: {Capacity} are waiting, a message on '{Topic}' was dropped ({HeldBack} more drops since the last warning)")]
    private partial void LogTapOverflow(int capacity, string topic, long heldBack);
}
