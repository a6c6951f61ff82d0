namespace InfoRadio.Controller.Offline;

public sealed partial class PlanPublisher
{
    [LoggerMessage(EventId = 8810, Level = LogLevel.Information, Message = "Play plan of {Device}: rev {Rev}, {Count} items")]
    private partial void LogPublished(string device, long rev, int count);

    [LoggerMessage(EventId = 8811, Level = LogLevel.Information, Message = "Program {Program} is left out of play plans: {Reason}")]
    private partial void LogNotCacheable(string program, string reason);

    [LoggerMessage(EventId = 8812, Level = LogLevel.Error, Message = "Play plan pass failed; trying again shortly")]
    private partial void LogPassFailed(Exception ex);
}
