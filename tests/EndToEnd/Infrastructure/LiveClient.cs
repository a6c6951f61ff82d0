using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>What a broadcaster's page does with /api/live: open the socket, wait for on-air, stream PCM in real time.</summary>
public sealed class LiveClient : IDisposable
{
    public const int ChunkSamples = 960;

    private LiveClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>The user the live tests speak as: a broadcaster of <see cref="CalendarUsers"/> (start the controller with its args).</summary>
    public const string DefaultUser = "bc";

    /// <summary>The query parameter a browser signs the upgrade in with.</summary>
    public static string TokenQuery(string user = DefaultUser) => "access_token=" + Uri.EscapeDataString(CalendarUsers.Token(user));

    /// <param name="query">The query without the token; <paramref name="user"/>'s token is added (none when null).</param>
    public static async Task<LiveClient> ConnectAsync(RunningController controller, string query, string? user = DefaultUser)
    {
        if (user is not null) query = query.Length == 0 ? TokenQuery(user) : query + "&" + TokenQuery(user);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{controller.HttpPort}/api/live?{query}"), timeout.Token);
        return new LiveClient(socket);
    }

    /// <summary>Waits for the server's on-air message and returns it.</summary>
    public async Task<JsonElement> WaitOnAirAsync()
    {
        var message = await ReceiveTextAsync(TimeSpan.FromSeconds(10));
        var json = JsonDocument.Parse(message).RootElement;
        Assert.Equal("on-air", json.GetProperty("type").GetString());
        return json;
    }

    /// <summary>Sends <paramref name="samples"/> as 16-bit PCM in 20 ms messages, each at its wall-clock instant.</summary>
    public async Task StreamRealTimeAsync(float[] samples)
    {
        var clock = Stopwatch.StartNew();
        var bytes = new byte[ChunkSamples * 2];
        for (var chunk = 0; chunk * ChunkSamples < samples.Length; chunk++)
        {
            var due = TimeSpan.FromMilliseconds(chunk * 20.0);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var count = Math.Min(ChunkSamples, samples.Length - chunk * ChunkSamples);
            for (var i = 0; i < count; i++)
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), ToPcm16(samples[chunk * ChunkSamples + i]));
            await Socket.SendAsync(bytes.AsMemory(0, count * 2), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
    }

    /// <summary>Closes normally and returns the server's answering close status.</summary>
    public async Task<WebSocketCloseStatus?> CloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        return Socket.CloseStatus;
    }

    /// <summary>Reads until the server closes (skipping data) and returns its close status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> WaitServerCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return (result.CloseStatus, result.CloseStatusDescription);
        }
    }

    public static short ToPcm16(float x) => (short)Math.Clamp(MathF.Round(x * 32768f), short.MinValue, short.MaxValue);

    /// <summary>The signal as the controller sees it after 16-bit quantisation.</summary>
    public static float[] Quantised(float[] samples) => samples.Select(x => ToPcm16(x) / 32768f).ToArray();

    private async Task<string> ReceiveTextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var result = await Socket.ReceiveAsync(buffer, cts.Token);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        Assert.True(result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    public void Dispose() => Socket.Dispose();
}
