using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// The controller's content endpoint on loopback (HttpListener): <c>GET /content/{sha256}</c> with HTTP Basic auth
/// (device id, secret) and <c>Range: bytes=N-</c> (206). <see cref="CutAfterBytes"/> makes the next responses drop
/// the connection after that many body bytes, as a 4G link does.
/// </summary>
internal sealed class ContentServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public ContentServer(string user, string password)
    {
        User = user;
        Password = password;
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}/content/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }
    public string User { get; set; }
    public string Password { get; set; }

    /// <summary>When set, that many responses send only this many body bytes, then abort the connection.</summary>
    public int? CutAfterBytes { get; set; }
    public int CutsLeft { get; set; }

    /// <summary>Every request: its Range header ("" when none) and the status answered.</summary>
    public ConcurrentQueue<(string Range, int Status)> Requests { get; } = new();

    /// <summary>Serves <paramref name="bytes"/> under their SHA-256; returns the hash.</summary>
    public string Add(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        _files[sha] = bytes;
        return sha;
    }

    /// <summary>Serves <paramref name="bytes"/> under a name they do not hash to (a corrupt server copy).</summary>
    public void AddAs(string sha, byte[] bytes) => _files[sha] = bytes;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var range = request.Headers["Range"] ?? "";
        try
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
            if (request.Headers["Authorization"] != expected)
            {
                Answer(401);
                return;
            }
            var name = request.Url!.AbsolutePath.Split('/')[^1];
            if (!_files.TryGetValue(name, out var bytes))
            {
                Answer(404);
                return;
            }
            long from = 0;
            if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (from >= bytes.Length)
                {
                    Answer(416);
                    return;
                }
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{bytes.Length - 1}/{bytes.Length}";
            }
            else response.StatusCode = 200;
            Requests.Enqueue((range, response.StatusCode));
            response.ContentType = "application/ogg";
            response.ContentLength64 = bytes.Length - from;
            var send = bytes.AsMemory((int)from);
            if (CutAfterBytes is { } cut && CutsLeft > 0)
            {
                CutsLeft--;
                await response.OutputStream.WriteAsync(send[..Math.Min(cut, send.Length)]);
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }
            await response.OutputStream.WriteAsync(send);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
        }

        void Answer(int status)
        {
            Requests.Enqueue((range, status));
            response.StatusCode = status;
            response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
