namespace InfoRadio.Controller.Scheduling.Runtime;

public sealed partial class SchedulerService
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Scheduler started, {Lead} ahead of the slots")]
    private partial void LogStarted(TimeSpan lead);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Slot {Slot} \"{Title}\" claimed ({Outcome})")]
    private partial void LogClaimed(string slot, string title, AirOutcome outcome);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Slot {Slot} missed ({Reason}): {Detail}")]
    private partial void LogMissed(string slot, MissReason? reason, string? detail);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Schedule {Schedule} cannot be expanded: {Problem}")]
    private partial void LogScheduleProblem(string schedule, string problem);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Slot {Slot} already has a ledger record; not started again")]
    private partial void LogAlreadyDecided(string slot);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "A scheduler pass failed; retrying in a second")]
    private partial void LogPassFailed(Exception exception);
}
