using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

public sealed partial class SpeakerAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {DeviceId} starting: controller {Host}:{Port}, sink {Sink}, firmware {Firmware}")]
    private static partial void LogStarting(ILogger logger, string deviceId, string host, int port, string sink, string firmware);

    [LoggerMessage(Level = LogLevel.Information, Message = "Play plan rev {Rev} received: {Items} item(s)")]
    private static partial void LogPlanReceived(ILogger logger, long rev, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {DeviceId} stopped")]
    private static partial void LogStopped(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Kind} message on {Topic}: {Reason} ({Total} rejected so far; further ones of this kind are counted quietly for a while)")]
    private static partial void LogMalformed(ILogger logger, string kind, string topic, string reason, long total);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored desired state rev {Rev} on {Source}: a newer one is applied")]
    private static partial void LogStaleDesired(ILogger logger, string source, long rev);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chosen session is now {Session} (was {Previous})")]
    private static partial void LogChoice(ILogger logger, string session, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Id}: {Type}")]
    private static partial void LogCommand(ILogger logger, string id, DeviceCommandType type);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {Id} ({Type}) was already handled; redelivery ignored")]
    private static partial void LogCommandDuplicate(ILogger logger, string id, DeviceCommandType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Id}: test tone refused, a session is playing")]
    private static partial void LogTestToneRefused(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Id}: reboot requested; the agent stops so that its service manager restarts it")]
    private static partial void LogReboot(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Type} not published: {Reason}")]
    private static partial void LogEventInvalid(ILogger logger, DeviceEventType type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent loop work failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background {What} failed")]
    private static partial void LogBackgroundFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board sensors could not be read; telemetry goes without them")]
    private static partial void LogBoardReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board reading out of the protocol's ranges ({Reason}); telemetry goes without it")]
    private static partial void LogBoardReadingInvalid(ILogger logger, string reason);
}
