namespace InfoRadio.Controller.Relay;

internal sealed partial class RelaySession
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Relay {Name}: connected to {Url} ({ContentType}, station {Station})")]
    private partial void LogConnected(string name, string url, string contentType, string station);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Relay {Name}: source {Url} failed ({Failures} in a row): {Reason}")]
    private partial void LogSourceFailed(string name, string url, int failures, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Relay {Name}: falling back to {Fallback} after {Failures} failures in a row; the source is still retried")]
    private partial void LogFallback(string name, int failures, string fallback);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Relay {Name}: source {Url} recovered, back on air")]
    private partial void LogRecovered(string name, string url);
}
