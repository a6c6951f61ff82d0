using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Offline;

internal sealed partial class OfflinePlayer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Offline: playing item {Item} from the cache (content {Sha256}, start {StartUs} µs, pre-skip {PreSkip})")]
    private static partial void LogPlaying(ILogger logger, string item, string sha256, long startUs, int preSkip);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offline: item {Item} cannot be played from the cache (content {Sha256}): {Reason}")]
    private static partial void LogUnplayable(ILogger logger, string item, string sha256, string reason);
}
