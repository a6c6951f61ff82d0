using System.Net;
using System.Text;

namespace InfoRadio.Testing;

/// <summary>
/// A loopback HTTP server that behaves like an Icecast mount: <c>/live.mp3</c> sends its MP3 bytes in a loop, paced
/// in real time by the bit rate after a short burst, with <c>icy-metaint</c> metadata blocks when the client asks
/// (<c>Icy-MetaData: 1</c>). <c>/page</c> answers an HTML page, anything else 404. Tests change
/// <see cref="Mp3"/>, <see cref="Refuse"/> and <see cref="CloseAfter"/> while it runs to make the source die or recover.
/// </summary>
public sealed class IcecastTestServer : IAsyncDisposable
{
    public const int MetaInterval = 8_192;

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;
    private int _generation;

    public IcecastTestServer(byte[] mp3, int bitrateKbps)
    {
        Mp3 = mp3;
        BytesPerSecond = bitrateKbps * 1000 / 8;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/live.mp3";
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public int BytesPerSecond { get; }

    /// <summary>What new connections get (a running one keeps what it had).</summary>
    public volatile byte[] Mp3;

    /// <summary>When true, new connections are answered 503 (the mount is down).</summary>
    public volatile bool Refuse;

    /// <summary>When set, each connection is closed after this much audio time.</summary>
    public TimeSpan? CloseAfter { get; set; }

    /// <summary>Closes every running stream connection now (the source dies midway).</summary>
    public void DropAll() => Interlocked.Increment(ref _generation);

    /// <summary>Stream connections served so far (refused ones not counted).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Whether the last stream request asked for ICY metadata.</summary>
    public bool LastAskedMetadata { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/page":
                    await Answer(response, 200, "text/html; charset=utf-8", "<html><body>Not a stream</body></html>");
                    return;
                case "/live.mp3" when Refuse:
                    await Answer(response, 503, "text/plain", "mount down");
                    return;
                case "/live.mp3":
                    try { await StreamAsync(context); }
                    finally { response.Abort(); } // a dying source drops the connection
                    return;
                default:
                    await Answer(response, 404, "text/html", "<html>404</html>");
                    return;
            }
        }
        catch
        {
            // The client went away or the server stops.
        }
        finally
        {
            try { response.Close(); } catch { }
        }
    }

    private async Task StreamAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _connections);
        var mp3 = Mp3;
        var metadata = context.Request.Headers["Icy-MetaData"] == "1";
        LastAskedMetadata = metadata;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "audio/mpeg";
        response.SendChunked = true;
        response.Headers["icy-name"] = "Test FM";
        if (metadata) response.Headers["icy-metaint"] = MetaInterval.ToString();
        var output = response.OutputStream;
        var started = DateTime.UtcNow;
        long sent = 0;
        var burst = BytesPerSecond; // one second at once, as Icecast's burst-on-connect
        var audioLeft = MetaInterval;
        var block = 0;
        var closeAfter = CloseAfter;
        var generation = Volatile.Read(ref _generation);
        while (!_stop.IsCancellationRequested && generation == Volatile.Read(ref _generation))
        {
            var elapsed = DateTime.UtcNow - started;
            if (closeAfter is { } limit && elapsed > limit) return;
            var due = burst + (long)(elapsed.TotalSeconds * BytesPerSecond);
            while (sent < due)
            {
                var n = (int)Math.Min(due - sent, Math.Min(mp3.Length - (int)(sent % mp3.Length), metadata ? audioLeft : int.MaxValue));
                await output.WriteAsync(mp3.AsMemory((int)(sent % mp3.Length), n), _stop.Token);
                sent += n;
                if (!metadata) continue;
                audioLeft -= n;
                if (audioLeft > 0) continue;
                // Every other block carries a title, the others are empty (length byte 0), as real servers do.
                var text = block++ % 2 == 0 ? $"StreamTitle='Bản tin {block}';" : "";
                var bytes = Encoding.UTF8.GetBytes(text);
                var blocks = (bytes.Length + 15) / 16;
                var meta = new byte[1 + blocks * 16];
                meta[0] = (byte)blocks;
                bytes.CopyTo(meta, 1);
                await output.WriteAsync(meta, _stop.Token);
                audioLeft = MetaInterval;
            }
            await output.FlushAsync(_stop.Token);
            await Task.Delay(50, _stop.Token);
        }
    }

    private static async Task Answer(HttpListenerResponse response, int status, string type, string body)
    {
        response.StatusCode = status;
        response.ContentType = type;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch { }
        _stop.Dispose();
    }
}
