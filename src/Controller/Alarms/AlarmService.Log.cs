namespace InfoRadio.Controller.Alarms;

public sealed partial class AlarmService
{
    [LoggerMessage(EventId = 2900, Level = LogLevel.Warning, Message = "Alarm raised: {DeviceId} {Kind}: {Detail} (alarm {AlarmId})")]
    private partial void LogRaised(string deviceId, string kind, string detail, long alarmId);

    [LoggerMessage(EventId = 2901, Level = LogLevel.Information, Message = "Alarm cleared: {DeviceId} {Kind}: {Detail} (alarm {AlarmId}, active {Duration})")]
    private partial void LogCleared(string deviceId, string kind, string detail, long alarmId, TimeSpan duration);

    [LoggerMessage(EventId = 2902, Level = LogLevel.Information, Message = "Alarms: {Count} active alarms reloaded")]
    private partial void LogLoaded(int count);

    [LoggerMessage(EventId = 2903, Level = LogLevel.Information, Message = "Alarm rules changed and applied to every device")]
    private partial void LogRulesChanged();

    [LoggerMessage(EventId = 2904, Level = LogLevel.Error, Message = "Alarm evaluation failed")]
    private partial void LogEvaluationFailed(Exception exception);

    [LoggerMessage(EventId = 2905, Level = LogLevel.Error, Message = "Alarm change not stored (it stays in memory)")]
    private partial void LogStoreFailed(Exception exception);

    [LoggerMessage(EventId = 2906, Level = LogLevel.Warning, Message = "Alarm {AlarmId}: a second active {Kind} alarm of {DeviceId} in the store; ignored")]
    private partial void LogDuplicateActive(long alarmId, string deviceId, string kind);

    [LoggerMessage(EventId = 2907, Level = LogLevel.Error, Message = "Saved alarm rules unreadable; the configured rules apply")]
    private partial void LogSavedRulesUnreadable(Exception exception);
}
