namespace InfoRadio.Controller.Emergency;

public sealed partial class EmergencyService
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Emergency {Id} \"{Title}\" started by {RequestedBy} (CAP {Cap}) for {Devices} speakers, {Online} online, {DurationMs} ms")]
    private partial void LogStarted(string id, string title, string requestedBy, string cap, int devices, int online, long durationMs);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Emergency {Id} cancelled: {Reason}")]
    private partial void LogCancelled(string id, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Emergency {Id} ended: {Reached} reached, {Finished} finished of {Devices} speakers, {Retried} retried")]
    private partial void LogEnded(string id, int reached, int finished, int devices, int retried);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Emergency {Id}: speaker {Device} went offline before finishing; withdrawn from it")]
    private partial void LogDropped(string id, string device);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "Emergency {Id}: speaker {Device} is online, airing it from the start (attempt {Retry}, broadcast {Broadcast})")]
    private partial void LogRetried(string id, string device, int retry, string broadcast);

    [LoggerMessage(EventId = 705, Level = LogLevel.Error, Message = "Emergency reach refresh failed")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "Could not withdraw broadcast {Broadcast} from speaker {Device}")]
    private partial void LogWithdrawFailed(Exception exception, string broadcast, string device);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "{Count} emergencies left on by a previous run were marked ended")]
    private partial void LogEndedStale(int count);

    [LoggerMessage(EventId = 708, Level = LogLevel.Error, Message = "Emergency:ChimeMediaId '{MediaId}' cannot be played ({Problem}); the built-in chime is used")]
    private partial void LogChimeMissing(string mediaId, string problem);
}
