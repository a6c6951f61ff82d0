using System.Net.Sockets;
using System.Text;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>
/// A client that stops reading while messages keep coming fills its queue in the broker: the broker drops the oldest
/// (it must not grow without bound), and says so — counted and logged — instead of losing them silently.
/// </summary>
public sealed class EmbeddedBrokerQueueOverflowTests : IAsyncLifetime
{
    private const int MaxPending = 5;
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(configure: o => o.MaxPendingMessagesPerClient = MaxPending);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_client_that_stops_reading_loses_its_oldest_messages_counted_and_logged()
    {
        var secret = _broker.Register("dev1");
        using var stalled = await ConnectRawAsync("dev1", secret, "inforadio/v1/streams/7/audio");
        await using var controller = await _broker.ConnectControllerAsync();

        // 200 × 64 KiB = 12.5 MiB: more than the loopback socket buffers hold, so the broker's queue for the stalled
        // reader fills up behind them.
        var payload = new byte[64 * 1024];
        for (var i = 0; i < 200; i++) await controller.PublishAsync("inforadio/v1/streams/7/audio", payload, MqttQualityOfServiceLevel.AtMostOnce);

        await Poll.UntilAsync(() => _broker.Counters.QueueOverflows > 0, "a dropped message counted");
        Assert.Contains(_broker.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("'dev1' reads slower", StringComparison.Ordinal)
            && e.Message.Contains("inforadio/v1/streams/7/audio", StringComparison.Ordinal));
        // One warning per client per 10 s, however many drops.
        Assert.Single(_broker.Log.Entries, e => e.Message.Contains("reads slower", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_that_keeps_up_loses_nothing()
    {
        var secret = _broker.Register("dev1");
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);
        await device.SubscribeAsync("inforadio/v1/streams/7/audio", MqttQualityOfServiceLevel.AtMostOnce);
        await using var controller = await _broker.ConnectControllerAsync();

        for (var i = 0; i < 50; i++)
        {
            await controller.PublishAsync("inforadio/v1/streams/7/audio", [(byte)i], MqttQualityOfServiceLevel.AtMostOnce);
            await device.WaitForAsync(m => m.Payload is [var b] && b == i, $"message {i}");
        }

        Assert.Equal(0, _broker.Counters.QueueOverflows);
    }

    /// <summary>
    /// An MQTT 3.1.1 connection by hand: CONNECT, SUBSCRIBE (QoS 0), read CONNACK and SUBACK, then never read again.
    /// </summary>
    private async Task<Socket> ConnectRawAsync(string id, string secret, string filter)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync("127.0.0.1", _broker.Port);
        var connect = new List<byte>();
        connect.AddRange([0, 4, .. "MQTT"u8, 4, 0b1100_0010, 0, 0]); // protocol 3.1.1; user name, password, clean session; no keep-alive
        foreach (var field in new[] { id, id, secret }) AddString(connect, field);
        await SendAsync(socket, 0x10, connect);
        Assert.Equal(0, (await ReadPacketAsync(socket, 0x20))[1]); // CONNACK: accepted

        var subscribe = new List<byte> { 0, 1 };
        AddString(subscribe, filter);
        subscribe.Add(0);
        await SendAsync(socket, 0x82, subscribe);
        Assert.Equal(0, (await ReadPacketAsync(socket, 0x90))[2]); // SUBACK: QoS 0 granted
        return socket;
    }

    private static void AddString(List<byte> packet, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        packet.Add((byte)(bytes.Length >> 8));
        packet.Add((byte)bytes.Length);
        packet.AddRange(bytes);
    }

    private static async Task SendAsync(Socket socket, byte header, List<byte> body)
    {
        var packet = new List<byte> { header };
        var length = body.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        packet.AddRange(body);
        await socket.SendAsync(packet.ToArray());
    }

    /// <summary>Reads one short packet (CONNACK, SUBACK) of the expected type; returns its body.</summary>
    private static async Task<byte[]> ReadPacketAsync(Socket socket, byte type)
    {
        var head = await ReadExactlyAsync(socket, 2);
        Assert.Equal(type, head[0]);
        return await ReadExactlyAsync(socket, head[1]);
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
            if (n == 0) throw new IOException("the broker closed the connection");
            read += n;
        }
        return buffer;
    }
}
