using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Playback;

internal sealed partial class PlayoutEngine
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session} chosen (stream {Stream}, {Priority}, {Origin})")]
    private static partial void LogSessionChosen(ILogger logger, string session, uint stream, PriorityClass priority, OriginLevel origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session} started at position {Position} ({LateSamples} samples after its instant)")]
    private static partial void LogStarted(ILogger logger, string session, ulong position, long lateSamples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session} finished at position {Position} with {Underruns} underruns")]
    private static partial void LogFinished(ILogger logger, string session, ulong position, long underruns);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session} interrupted at position {Position}: {Reason}")]
    private static partial void LogInterrupted(ILogger logger, string session, ulong position, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {Session}: playout fell behind and skipped {Frames} frames from position {Position}")]
    private static partial void LogSkipped(ILogger logger, string session, long frames, ulong position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {Session}: the clock model moved the timeline beyond the re-anchor threshold; the playout {Action} {Samples} samples at position {Position}")]
    private static partial void LogReanchored(ILogger logger, string session, string action, long samples, ulong position);

    [LoggerMessage(Level = LogLevel.Error, Message = "Playout tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the {Type} playout event failed")]
    private static partial void LogEventHandlerFailed(ILogger logger, DeviceEventType type, Exception exception);
}
