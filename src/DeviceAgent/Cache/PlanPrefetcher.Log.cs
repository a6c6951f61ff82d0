using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Cache;

public sealed partial class PlanPrefetcher
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Offline cache: item {Item} content {Sha256} cached ({Detail}; resumed from byte {ResumedFrom})")]
    private static partial void LogCached(ILogger logger, string item, string sha256, string detail, long resumedFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline cache: plan rev {Rev}: {Ready} item(s) ready, {Missing} missing")]
    private static partial void LogStatus(ILogger logger, long rev, int ready, int missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offline cache: {Count} file(s) no longer named by plan rev {Rev} deleted")]
    private static partial void LogPruned(ILogger logger, int count, long rev);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offline cache: fetching item {Item} content {Sha256} failed, will retry: {Detail}")]
    private static partial void LogTransferFailed(ILogger logger, string item, string sha256, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline cache: item {Item} content {Sha256} does not fit: {Detail}")]
    private static partial void LogNoSpace(ILogger logger, string item, string sha256, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline cache: item {Item} content {Sha256} failed verification: {Detail}")]
    private static partial void LogMismatch(ILogger logger, string item, string sha256, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline cache: {File} did not match its name (corrupt) and was deleted")]
    private static partial void LogCorruptDeleted(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline cache unusable: {Reason}")]
    private static partial void LogCacheUnusable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored play plan {Path} ignored: {Reason}")]
    private static partial void LogStoredPlanInvalid(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Play plan could not be stored in {Path}: {Reason}")]
    private static partial void LogPlanNotStored(ILogger logger, string path, string reason);
}
