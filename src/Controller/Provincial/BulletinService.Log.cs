namespace InfoRadio.Controller.Provincial;

public sealed partial class BulletinService
{
    [LoggerMessage(EventId = 9120, Level = LogLevel.Warning, Message = "Provincial bulletin from {By} refused ({Count} problem(s)), first: {Problem}")]
    private partial void LogRefused(string by, int count, string problem);

    [LoggerMessage(EventId = 9121, Level = LogLevel.Information, Message = "Provincial bulletin {Id} received again from {By}: already known, nothing done")]
    private partial void LogDuplicate(string id, string by);

    [LoggerMessage(EventId = 9122, Level = LogLevel.Information, Message = "Provincial bulletin {Id} ({Priority}) accepted from {By} for {Devices} speaker(s)")]
    private partial void LogAccepted(string id, BulletinPriority priority, int devices, string by);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Information, Message = "Provincial bulletin {Id} is {State} ({Ref})")]
    private partial void LogPrepared(string id, BulletinState state, string @ref);

    [LoggerMessage(EventId = 9124, Level = LogLevel.Warning, Message = "Provincial bulletin {Id} failed: {Why}")]
    private partial void LogFailed(string id, string why);

    [LoggerMessage(EventId = 9125, Level = LogLevel.Information, Message = "Provincial bulletin {Id} scheduled by {Actor} at {At:O} (program {Program}, schedule {Schedule})")]
    private partial void LogScheduled(string id, string actor, DateTimeOffset at, string program, string schedule);

    [LoggerMessage(EventId = 9126, Level = LogLevel.Information, Message = "Provincial bulletin {Id} confirmed {Outcome}: {Finished} of {Targeted} speaker(s) played it to the end")]
    private partial void LogConfirmed(string id, string outcome, int finished, int targeted);

    [LoggerMessage(EventId = 9127, Level = LogLevel.Error, Message = "Checking provincial bulletins on air failed; the check goes on")]
    private partial void LogCheckFailed(Exception e);
}
