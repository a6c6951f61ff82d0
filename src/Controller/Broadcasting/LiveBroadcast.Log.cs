namespace InfoRadio.Controller.Broadcasting;

public sealed partial class LiveBroadcast
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Live broadcast {Id} on air as stream {Stream}: latency {LatencyMs} ms, {Frames} frames per packet")]
    private partial void LogOnAir(string id, uint stream, int latencyMs, int frames);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Live broadcast {Id}: input came too late for its place on the timeline; {GapMs} ms of silence fill the gap")]
    private partial void LogGapFilled(string id, long gapMs);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Live broadcast {Id}: input runs ahead of real time, adding delay; {Count} chunks dropped so far")]
    private partial void LogAhead(string id, long count);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Live broadcast {Id}: audio packet not published ({Count} so far)")]
    private partial void LogPublishFailed(Exception exception, string id, long count);

    [LoggerMessage(EventId = 324, Level = LogLevel.Information, Message = "Live broadcast {Id} input ended after {DurationMs} ms ({Reason}); silence filled {SilenceMs} ms, dropped {Early} chunks before the epoch and {Ahead} ahead of real time, {Failures} packets not published")]
    private partial void LogEnded(string id, long durationMs, string reason, long silenceMs, long early, long ahead, long failures);
}
