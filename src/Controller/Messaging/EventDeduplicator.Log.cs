using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Messaging;

public sealed partial class EventDeduplicator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Seen device event ids: {Kept} loaded, {Expired} expired deleted")]
    private partial void LogLoaded(int kept, int expired);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} seen event ids failed: {Reason}")]
    private partial void LogWriteFailed(int count, string reason);
}
