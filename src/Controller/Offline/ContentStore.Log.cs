namespace InfoRadio.Controller.Offline;

public sealed partial class ContentStore
{
    [LoggerMessage(EventId = 8800, Level = LogLevel.Information, Message = "Content {Sha256} encoded: {Bytes} bytes, {Seconds:F1} s of audio, from {Source}")]
    private partial void LogEncoded(string sha256, long bytes, double seconds, string source);

    [LoggerMessage(EventId = 8801, Level = LogLevel.Warning, Message = "Content {Sha256} of {Source} is missing or does not hash to its name: encoding it again, not serving it")]
    private partial void LogCorrupt(string sha256, string source);

    [LoggerMessage(EventId = 8802, Level = LogLevel.Information, Message = "{Count} content files no plan names any more were deleted")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 8803, Level = LogLevel.Warning, Message = "Content file {Path} could not be deleted: {Reason}")]
    private partial void LogDeleteFailed(string path, string reason);
}
