using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Link.Journal;

internal sealed partial class EventJournal
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Event journal {Path}: {Pending} events still to deliver, {Dropped} dropped for room not yet reported")]
    private static partial void LogOpened(ILogger logger, string path, int pending, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event journal {Path}: skipped {Damage}; the records before it are kept")]
    private static partial void LogDamaged(ILogger logger, string path, string damage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event journal {Path} is not usable ({Reason}); events are kept in memory only and a restart during an outage loses them")]
    private static partial void LogMemoryOnly(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the event journal {Path} failed ({Reason}); events are kept in memory only from now on")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event queue full ({MaxEvents} events / {MaxKilobytes} KiB): dropped the oldest event")]
    private static partial void LogDropped(ILogger logger, int maxEvents, int maxKilobytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event journal compacted to {Records} records")]
    private static partial void LogCompacted(ILogger logger, int records);
}
