using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace InfoRadio.Controller.Messaging;

public sealed partial class ControllerBus
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Controller bus connected to the MQTT broker at {Broker}")]
    private partial void LogConnected(string broker);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Controller bus lost the MQTT broker at {Broker}; reconnecting")]
    private partial void LogConnectionLost(string broker);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "The MQTT broker at {Broker} refused the controller ({ResultCode}) {Reason}")]
    private partial void LogConnectRefused(string broker, MqttClientConnectResultCode resultCode, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Controller bus cannot connect to the MQTT broker at {Broker}: {Error}")]
    private partial void LogConnectFailed(string broker, string error);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Controller bus: disconnect failed")]
    private partial void LogDisconnectFailed(Exception exception);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "A Connected handler of the controller bus failed")]
    private partial void LogConnectedHandlerFailed(Exception exception);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Dropped a malformed {Kind} message from device {DeviceId}: {Error} ({HeldBack} more since the last such warning were counted, not logged)")]
    private partial void LogMalformed(string deviceId, TopicKind kind, string error, long heldBack);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Dropped a message on unexpected topic '{Topic}'")]
    private partial void LogUnexpectedTopic(string topic);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "Device event observer {Observer} failed on event {EventId} of device {DeviceId}")]
    private partial void LogObserverFailed(Exception exception, string observer, string deviceId, string eventId);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Debug, Message = "Could not answer the clock request of device {DeviceId}: {Error}")]
    private partial void LogClockResponseFailed(string deviceId, string error);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Error, Message = "Failed to dispatch a message on '{Topic}'")]
    private partial void LogDispatchFailed(Exception exception, string topic);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Debug, Message = "Retained state of device {DeviceId} was cleared")]
    private partial void LogRetainedStateCleared(string deviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId} sent event {EventId} again: ignored")]
    private partial void LogDuplicateEvent(string deviceId, string eventId);
}
