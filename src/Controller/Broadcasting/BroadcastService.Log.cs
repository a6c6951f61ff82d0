namespace InfoRadio.Controller.Broadcasting;

public sealed partial class BroadcastService
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Broadcast {Id} ({Profile}) \"{Title}\" accepted for {Devices} speakers, {DurationMs} ms")]
    private partial void LogAccepted(string id, string profile, string title, int devices, long durationMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Broadcast {Id} on air as stream {Stream}, {Packets} packets")]
    private partial void LogOnAir(string id, uint stream, int packets);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Broadcast {Id} ended {State}: {Finished}/{Devices} speakers played it to the end")]
    private partial void LogEnded(string id, BroadcastState state, int finished, int devices);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Broadcast {Id} failed")]
    private partial void LogFailed(Exception exception, string id);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Could not withdraw broadcast {Id} from desired state")]
    private partial void LogWithdrawFailed(Exception exception, string id);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "{Count} broadcasts left on air by a previous run were marked ended")]
    private partial void LogEndedStale(int count);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Broadcast {Id}: its audio failed after {AiredMs} of {DurationMs:F0} ms, ended there: {Problem}")]
    private partial void LogSourceFailed(string id, long airedMs, double durationMs, string problem);
}
