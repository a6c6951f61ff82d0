using System.Net.Sockets;
using System.Text;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A WebSocket upgrade request written by hand, so that a refusal's body (the problem document) can be read:
/// ClientWebSocket reports only the status code.
/// </summary>
public static class RawUpgrade
{
    /// <param name="headers">Extra request headers, e.g. a cookie and an Origin.</param>
    public static async Task<string> RefusalAsync(int port, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var stream = tcp.GetStream();
        var request =
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
            string.Concat(headers.Select(h => $"{h.Name}: {h.Value}\r\n")) + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
