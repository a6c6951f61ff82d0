using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// A live announcement that runs until stopped: 20 ms messages of 16-bit PCM over <c>/api/live</c>, each at its
/// wall-clock instant, as a microphone in the web console sends them. The signal is a voiced tone with a syllable-rate
/// envelope and a little noise, so the Opus encoder works as for speech (never the near-empty packets of silence).
/// </summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private const int ChunkSamples = 960;

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _sending = Task.CompletedTask;
    private Task _receiving = Task.CompletedTask;
    private long _sent;
    private long _lateSends;

    private LiveFeed()
    {
    }

    /// <summary>The on-air message: <c>id</c>, <c>stream</c>, <c>epochUs</c>, <c>latencyMs</c>, <c>profile</c>.</summary>
    public JsonElement OnAir { get; private set; }

    /// <summary>20 ms messages sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages sent more than 20 ms behind their instant (the sender itself starved of CPU).</summary>
    public long LateSends => Interlocked.Read(ref _lateSends);

    /// <summary>Opens the live session to <paramref name="targets"/> and starts sending; returns once it is on air.</summary>
    public static async Task<LiveFeed> StartAsync(Uri controller, string token, string targets, string title)
    {
        var feed = new LiveFeed();
        try
        {
            var uri = new UriBuilder(controller)
            {
                Scheme = "ws",
                Path = "/api/live",
                Query = $"targets={Uri.EscapeDataString(targets)}&title={Uri.EscapeDataString(title)}&access_token={Uri.EscapeDataString(token)}",
            }.Uri;
            await feed._socket.ConnectAsync(uri, CancellationToken.None);
            // The session counts audio from its first message: send while waiting for the on-air answer.
            feed._sending = Task.Run(() => feed.SendAsync(feed._stop.Token));
            feed.OnAir = await ReceiveOnAirAsync(feed._socket);
            // Keep reading: the controller pings every 5 s and drops a source whose pongs stop (answered while reading).
            feed._receiving = Task.Run(feed.DrainAsync);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync();
            throw;
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var bytes = new byte[ChunkSamples * 2];
        var random = new Random(8);
        var clock = Stopwatch.StartNew();
        long sample = 0;
        for (long chunk = 0; !ct.IsCancellationRequested; chunk++)
        {
            var due = TimeSpan.FromMilliseconds(chunk * 20.0);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, ct); }
                catch (OperationCanceledException) { return; }
            }
            else if (wait < TimeSpan.FromMilliseconds(-20))
            {
                Interlocked.Increment(ref _lateSends);
            }
            for (var i = 0; i < ChunkSamples; i++, sample++)
            {
                var t = sample / 48_000.0;
                // About four syllables a second, voiced at 140 Hz with two formant-like partials.
                var envelope = 0.5 + 0.5 * Math.Sin(2 * Math.PI * 4 * t);
                var voice = 0.5 * Math.Sin(2 * Math.PI * 140 * t) + 0.25 * Math.Sin(2 * Math.PI * 700 * t) + 0.15 * Math.Sin(2 * Math.PI * 1_200 * t);
                var value = 0.3 * envelope * voice + 0.01 * (random.NextDouble() - 0.5);
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), (short)Math.Clamp(value * 32_767, short.MinValue, short.MaxValue));
            }
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return;
            }
            Interlocked.Increment(ref _sent);
        }
    }

    /// <summary>Reads and discards until the session closes, so pings are answered and a close is seen.</summary>
    private async Task DrainAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var message = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (message.MessageType == WebSocketMessageType.Close)
                {
                    ClosedBy = _socket.CloseStatusDescription;
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>Why the controller closed the session, if it did.</summary>
    public string? ClosedBy { get; private set; }

    private static async Task<JsonElement> ReceiveOnAirAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var message = await socket.ReceiveAsync(buffer, timeout.Token);
        if (message.MessageType != WebSocketMessageType.Text)
            throw new InvalidOperationException($"expected the on-air message, got {message.MessageType} {socket.CloseStatusDescription}");
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, message.Count)).RootElement.Clone();
    }

    /// <summary>Stops sending and closes the socket, which ends the session.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sending;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                // The reader sees the controller's answering close.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                await _receiving.WaitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException) { }
        }
        _socket.Dispose();
        await _receiving;
        _stop.Dispose();
    }
}
