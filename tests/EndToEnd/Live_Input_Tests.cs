using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>/api/live against bad requests and bad input, and how soon its packets leave.</summary>
public sealed class Live_Input_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private string _probeSecret = "";

    public async Task InitializeAsync()
    {
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null,
            ["--Broadcast:LiveInput:IdleTimeoutMs=600", .. CalendarUsers.Args()]);
        _probeSecret = await _controller.RegisterDeviceAsync("probe");
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_plain_get_is_400_saying_it_is_a_websocket_endpoint()
    {
        var response = await _controller.As("bc").GetAsync("/api/live?targets=all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket endpoint", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("targets=nobody", "unknown speakers: nobody")]
    [InlineData("targets=Not%20Valid", "targets")]
    [InlineData("title=no%20targets", "targets")]
    public async Task Bad_targets_refuse_the_upgrade_with_400_and_the_reason(string query, string reason)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_controller.HttpPort}/api/live?{query}&{LiveClient.TokenQuery()}"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        // The problem document is not readable through ClientWebSocket; the same request over plain HTTP shows it.
        var refusal = await RawUpgrade.RefusalAsync(_controller.HttpPort, $"/api/live?{query}&{LiveClient.TokenQuery()}");
        Assert.StartsWith("HTTP/1.1 400", refusal);
        Assert.Contains(reason, refusal);
    }

    [Theory]
    [InlineData("text", WebSocketCloseStatus.InvalidMessageType, "binary")]
    [InlineData("odd", WebSocketCloseStatus.InvalidPayloadData, "not whole 16-bit samples")]
    [InlineData("oversize", WebSocketCloseStatus.MessageTooBig, "at most 19200 bytes")]
    public async Task Bad_input_closes_with_a_clear_reason_is_counted_and_ends_the_session(string kind, WebSocketCloseStatus status, string reason)
    {
        using var counted = new RejectedInputListener();
        using var client = await LiveClient.ConnectAsync(_controller, "targets=probe");
        var id = (await client.WaitOnAirAsync()).GetProperty("id").GetString()!;
        await client.Socket.SendAsync(new byte[1920], WebSocketMessageType.Binary, true, CancellationToken.None);
        switch (kind)
        {
            case "text":
                await client.Socket.SendAsync("hello"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
                break;
            case "odd":
                await client.Socket.SendAsync(new byte[961], WebSocketMessageType.Binary, true, CancellationToken.None);
                break;
            default:
                // Sent in fragments, as a browser may: the size counts for the whole message.
                for (var i = 0; i < 4; i++)
                    await client.Socket.SendAsync(new byte[6400], WebSocketMessageType.Binary, endOfMessage: i == 3, CancellationToken.None);
                break;
        }

        var (closeStatus, closeReason) = await client.WaitServerCloseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(status, closeStatus);
        Assert.Contains(reason, closeReason);
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(15));
        Assert.Contains("bad input", final.GetProperty("reason").GetString());
        Assert.Contains(reason, final.GetProperty("reason").GetString());
        Assert.True(counted.Count(kind == "odd" ? "odd byte count" : kind) >= 1);
    }

    [Fact]
    public async Task A_source_that_goes_quiet_is_closed_and_its_session_ended()
    {
        using var client = await LiveClient.ConnectAsync(_controller, "targets=probe");
        var id = (await client.WaitOnAirAsync()).GetProperty("id").GetString()!;
        var (status, reason) = await client.WaitServerCloseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("no audio for 0.6 s", reason);
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(_controller, id, TimeSpan.FromSeconds(15));
        Assert.Contains("no audio", final.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Each_packet_is_published_as_soon_as_its_frames_have_arrived()
    {
        var received = new ConcurrentQueue<(AudioPacket Packet, long At)>();
        var clock = Stopwatch.StartNew();
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        mqtt.ApplicationMessageReceivedAsync += e =>
        {
            var parsed = AudioPacketCodec.Parse(e.ApplicationMessage.Payload.ToArray());
            if (parsed.IsOk) received.Enqueue((parsed.Value, clock.ElapsedTicks));
            return Task.CompletedTask;
        };
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _controller.BrokerPort)
            .WithClientId("probe").WithCredentials("probe", _probeSecret).WithCleanStart().Build());

        using var client = await LiveClient.ConnectAsync(_controller, "targets=probe");
        var onAir = await client.WaitOnAirAsync();
        var stream = onAir.GetProperty("stream").GetUInt32();
        await mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(TopicTree.StreamAudio(stream), MqttQualityOfServiceLevel.AtMostOnce).Build());

        var signal = SpeechLikeSignal.Generate(seed: 3, TimeSpan.FromSeconds(1.2));
        var sentAt = new List<long>();
        var pcm = new byte[LiveClient.ChunkSamples * 2];
        var pace = Stopwatch.StartNew();
        for (var chunk = 0; chunk < signal.Length / LiveClient.ChunkSamples; chunk++)
        {
            var due = TimeSpan.FromMilliseconds(chunk * 20.0);
            if (due > pace.Elapsed) await Task.Delay(due - pace.Elapsed);
            for (var i = 0; i < LiveClient.ChunkSamples; i++)
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2 * i), LiveClient.ToPcm16(signal[chunk * LiveClient.ChunkSamples + i]));
            sentAt.Add(clock.ElapsedTicks);
            await client.Socket.SendAsync(pcm, WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        await client.CloseAsync();
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(r => r.Packet.IsEnd)), TimeSpan.FromSeconds(10), "end packet");

        var frames = _controller.Services.GetRequiredService<IOptions<BroadcastOptions>>().Value.Profiles.Live.FramesPerPacket;
        var packets = received.Where(r => !r.Packet.IsEnd).ToArray();
        // A chunk may be dropped by design (LiveTimeline): on a loaded machine the first chunks can reach the controller
        // late and the backlog behind them then runs ahead of real time for the hold, which costs one chunk.
        Assert.InRange(packets.Length, sentAt.Count / frames - 1, sentAt.Count / frames);
        var delaysMs = new List<double>();
        // The source started a little after the epoch (it subscribed first), so its timeline starts there.
        var start = packets[0].Packet.Position;
        for (var i = 0; i < packets.Length; i++)
        {
            var (packet, at) = packets[i];
            Assert.Equal(start + (ulong)(i * frames * 960), packet.Position);
            Assert.Equal(frames, packet.Frames.Count);
            var completingChunk = (int)((packet.EndPosition - start) / 960) - 1;
            delaysMs.Add((at - sentAt[completingChunk]) * 1000.0 / Stopwatch.Frequency);
        }
        delaysMs.Sort();
        // A packet leaves when the chunk that fills it has arrived, not on some later timer: typically within a
        // millisecond or two on loopback; the bounds leave room for a loaded test machine.
        Assert.True(delaysMs[delaysMs.Count / 2] < 20, $"median {delaysMs[delaysMs.Count / 2]:0.0} ms after the last chunk; all: {string.Join(" ", delaysMs.Select(d => d.ToString("0.0")))}");
        Assert.True(delaysMs.All(d => d > -1), "a packet left before the audio that fills it arrived");
    }

    /// <summary>Counts the live endpoint's rejected input by reason while it lives.</summary>
    private sealed class RejectedInputListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public RejectedInputListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "InfoRadio.Controller.Live" && instrument.Name == "inforadio.live.rejected_input")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "reason" && tag.Value is string reason) _counts.AddOrUpdate(reason, value, (_, v) => v + value);
            });
            _listener.Start();
        }

        public long Count(string reason) => _counts.GetValueOrDefault(reason);

        public void Dispose() => _listener.Dispose();
    }
}
