using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol;

namespace InfoRadio.Controller.Api;

/// <summary>
/// Feeds one live session from one WebSocket. Client → server: binary messages of 16-bit little-endian 48 kHz mono
/// PCM, any length up to <see cref="LiveInputOptions.MaxMessageBytes"/>, in real time. Server → client: one text
/// message <c>{"type":"on-air","id","stream","epochUs","latencyMs","profile"}</c> when audio starts to count, and a
/// close with a status and a reason when the server ends the session. The session ends cleanly (its End packet,
/// then the speakers' reports) when the client closes, when the connection drops, when no audio comes for
/// <see cref="LiveInputOptions.IdleTimeoutMs"/>, and on bad input: text (1003), an odd byte count (1007), a message
/// that is too big (1009), or a session past its longest length (1008). Bad input is counted and logged.
/// </summary>
internal sealed partial class LiveSocketSession(
    WebSocket socket, LiveBroadcast live, LiveInputOptions input, int maxMinutes, TimeProvider time, ILogger logger)
{
    /// <summary>How long a close the server started may wait for the client's answer.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _send = new(1, 1);
    private long _lastReceiveTimestamp = time.GetTimestamp();
    private volatile string? _serverEnded;
    private volatile bool _ending;

    /// <param name="requestAborted">The connection went away.</param>
    /// <param name="applicationStopping">
    /// The controller is shutting down: the web server waits for open requests before the broadcast service stops,
    /// so the socket is closed at once rather than when the server gives up waiting.
    /// </param>
    public async Task RunAsync(CancellationToken requestAborted, CancellationToken applicationStopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(live.Stopping, applicationStopping);
        using var onStopping = stopping.Token.Register(() =>
            _ = CloseFromServerAsync(WebSocketCloseStatus.EndpointUnavailable, "the controller is shutting down"));
        var onAir = SendOnAirAsync(done.Token);
        var watchdog = WatchIdleAsync(done.Token);
        string? reason = null;
        try
        {
            reason = await ReceiveAllAsync(requestAborted);
        }
        finally
        {
            await done.CancelAsync();
            await live.EndAsync(reason ?? _serverEnded);
            await Task.WhenAll(onAir, watchdog);
        }
    }

    /// <summary>Receives until the session ends; returns why it ended, or null for a clean close by the client.</summary>
    private async Task<string?> ReceiveAllAsync(CancellationToken requestAborted)
    {
        var buffer = new byte[input.MaxMessageBytes + 1];
        var filled = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), requestAborted);
                Interlocked.Exchange(ref _lastReceiveTimestamp, time.GetTimestamp());
                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        if (socket.State == WebSocketState.CloseReceived)
                            await SendCloseAsync(WebSocketCloseStatus.NormalClosure, "the live session ended", CancellationToken.None);
                        return _serverEnded;
                    case WebSocketMessageType.Text:
                        return await RejectAsync(WebSocketCloseStatus.InvalidMessageType, "text",
                            "send binary messages of 16-bit little-endian 48 kHz mono PCM; text is not accepted");
                }

                filled += result.Count;
                if (filled > input.MaxMessageBytes)
                    return await RejectAsync(WebSocketCloseStatus.MessageTooBig, "oversize",
                        $"a message may hold at most {input.MaxMessageBytes} bytes ({input.MaxMessageBytes * 500 / ProtocolVersion.SampleRate} ms of audio)");
                if (!result.EndOfMessage) continue;
                if (filled % 2 != 0)
                    return await RejectAsync(WebSocketCloseStatus.InvalidPayloadData, "odd byte count",
                        $"a message of {filled} bytes is not whole 16-bit samples");
                var outcome = await live.WritePcm16Async(buffer.AsMemory(0, filled), requestAborted);
                filled = 0;
                if (outcome == LivePlacementKind.TooLong)
                    return await RejectAsync(WebSocketCloseStatus.PolicyViolation, "too long",
                        $"the live session reached its longest length of {maxMinutes} minutes");
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The idle watchdog aborts a silent socket; anything else is a connection that went away.
            if (_serverEnded is { } ended) return ended;
            LogDropped(logger, live.Id, ex.Message);
            return "the live connection dropped";
        }
    }

    private async Task<string> RejectAsync(WebSocketCloseStatus status, string kind, string detail)
    {
        _ending = true;
        LiveCounters.RejectedInput.Add(1, new KeyValuePair<string, object?>("reason", kind));
        LogBadInput(logger, live.Id, kind, detail);
        // CloseAsync keeps reading (and discarding) until the client answers, so the close frame is not lost to a
        // reset of a connection that still had unread audio in it.
        using var wait = new CancellationTokenSource(CloseWait);
        try
        {
            await _send.WaitAsync(wait.Token);
            try { await socket.CloseAsync(status, CloseReason(detail), wait.Token); }
            finally { _send.Release(); }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The client did not answer in time or is gone: the session ends all the same.
        }
        return "the live source sent bad input: " + detail;
    }

    /// <summary>Ends the session from the server's side while a receive is pending: the client's answering close ends the loop.</summary>
    private async Task CloseFromServerAsync(WebSocketCloseStatus status, string reason)
    {
        _ending = true;
        _serverEnded ??= reason;
        await SendCloseAsync(status, reason, CancellationToken.None);
        try
        {
            await Task.Delay(CloseWait, time);
        }
        finally
        {
            if (socket.State is not WebSocketState.Closed) socket.Abort();
        }
    }

    private async Task WatchIdleAsync(CancellationToken ct)
    {
        var idle = TimeSpan.FromMilliseconds(input.IdleTimeoutMs);
        var period = TimeSpan.FromMilliseconds(Math.Min(250, input.IdleTimeoutMs / 4 + 1));
        try
        {
            // Silence before the epoch is expected: the source waits for on-air.
            await live.OnAir.WaitAsync(ct);
            Interlocked.Exchange(ref _lastReceiveTimestamp, time.GetTimestamp());
            while (true)
            {
                await Task.Delay(period, time, ct);
                if (_ending) return;
                if (time.GetElapsedTime(Interlocked.Read(ref _lastReceiveTimestamp)) < idle) continue;
                LiveCounters.RejectedInput.Add(1, new KeyValuePair<string, object?>("reason", "idle"));
                var reason = $"no audio for {idle.TotalSeconds:0.#} s";
                LogBadInput(logger, live.Id, "idle", reason);
                await CloseFromServerAsync(WebSocketCloseStatus.PolicyViolation, reason);
                return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || live.OnAir.IsFaulted)
        {
            // Ended, or never on air (SendOnAirAsync closes the socket then).
        }
    }

    private async Task SendOnAirAsync(CancellationToken ct)
    {
        LiveOnAir onAir;
        try
        {
            onAir = await live.OnAir.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex)
        {
            await CloseFromServerAsync(WebSocketCloseStatus.InternalServerError, "the session could not be announced: " + ex.Message);
            return;
        }
        var message = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "on-air",
            id = onAir.Id,
            stream = onAir.Stream,
            epochUs = onAir.EpochUs,
            latencyMs = onAir.LatencyMs,
            profile = BroadcastProfiles.LiveName,
        });
        try
        {
            await _send.WaitAsync(ct);
            try { await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct); }
            finally { _send.Release(); }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The connection is going or gone; the receive loop ends the session.
        }
    }

    private async Task SendCloseAsync(WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        try
        {
            await _send.WaitAsync(ct);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(status, CloseReason(reason), ct);
            }
            finally { _send.Release(); }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A close reason is limited to 123 bytes of UTF-8.</summary>
    internal static string CloseReason(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= 123) return text;
        var length = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > 120) length--;
        return text[..length] + "…";
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Live broadcast {Id}: bad input ({Kind}): {Detail}; the session ends")]
    private static partial void LogBadInput(ILogger logger, string id, string kind, string detail);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "Live broadcast {Id}: the connection dropped ({Error}); the session ends")]
    private static partial void LogDropped(ILogger logger, string id, string error);
}
