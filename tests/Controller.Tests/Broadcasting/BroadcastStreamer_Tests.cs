using System.Threading.Channels;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broadcasting;

/// <summary>The streamer over a real broker: the retained head, real-time packets after it, and the head's removal.</summary>
public sealed class BroadcastStreamer_Tests : IAsyncLifetime
{
    private const uint Stream = 7;
    private static readonly string Topic = TopicTree.StreamAudio(Stream);
    private TestBroker _broker = null!;
    private ControllerBus _bus = null!;
    private BroadcastStreamer _streamer = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _bus = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(), TimeProvider.System,
            new CapturingLogger<ControllerBus>());
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
        _streamer = new BroadcastStreamer(_bus, TimeProvider.System, new CapturingLogger<BroadcastStreamer>());
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private static ChannelReader<AudioPacket> Packets(int count)
    {
        var channel = Channel.CreateUnbounded<AudioPacket>();
        for (var i = 0; i < count; i++)
        {
            var flags = (i == 0 ? AudioPacketFlags.Start : 0) | (i == count - 1 ? AudioPacketFlags.End : 0);
            channel.Writer.TryWrite(StreamHead_Tests.Packet((uint)i, flags: flags) with { Stream = Stream });
        }
        channel.Writer.Complete();
        return channel.Reader;
    }

    private static long NowUs() => (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private async Task<TestClient> SubscriberAsync(string id)
    {
        var client = await _broker.ConnectDeviceAsync(id, _broker.Register(id));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, await client.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtMostOnce));
        return client;
    }

    private static List<AudioPacket> Audio(TestClient client) =>
        client.Received.Where(m => m.Topic == Topic && m.Payload.Length > 0).Select(m => AudioPacketCodec.Parse(m.Payload).Value!).ToList();

    [Fact]
    public async Task A_speaker_that_subscribes_after_the_first_packets_left_still_gets_the_stream_from_its_first_sample()
    {
        await using var early = await SubscriberAsync("early");
        // 2 s of audio; the epoch is now, so packets after the head leave at once when due.
        var pacing = new StreamPacing(NowUs(), LatencyMs: 400, SendAhead: TimeSpan.FromMilliseconds(100), HeadFrames: 50);
        var streaming = _streamer.StreamAsync(Packets(20), pacing, CancellationToken.None);

        await Poll.UntilAsync(() => Audio(early).Count >= 2, "the head and a packet after it reached the early subscriber");
        await using var late = await SubscriberAsync("late");
        var end = await streaming;

        Assert.Equal(20UL * 5 * 960, end);
        // The late subscriber's first message is the retained head: the first second, from position 0.
        var first = late.Received.First(m => m.Topic == Topic);
        Assert.True(first.Retain);
        var head = AudioPacketCodec.Parse(first.Payload).Value!;
        Assert.Equal((0UL, 50, AudioPacketFlags.Start), (head.Position, head.Frames.Count, head.Flags));

        // The early subscriber got the whole stream once, in order, without a gap: the head, then a packet per 100 ms.
        await Poll.UntilAsync(() => early.Received.Any(m => m.Topic == Topic && m.Payload.Length == 0) && Audio(early).Any(p => p.IsEnd),
            "the head is cleared and the last packet arrived");
        var audio = Audio(early);
        Assert.Equal(11, audio.Count);
        Assert.Equal(0UL, audio[0].Position);
        for (var i = 1; i < audio.Count; i++) Assert.Equal(audio[i - 1].EndPosition, audio[i].Position);
        Assert.True(audio[^1].IsEnd);
    }

    [Fact]
    public async Task Once_the_stream_is_over_no_head_is_left_for_a_new_subscriber()
    {
        var pacing = new StreamPacing(NowUs(), LatencyMs: 400, SendAhead: TimeSpan.FromMilliseconds(100), HeadFrames: 50);
        await _streamer.StreamAsync(Packets(12), pacing, CancellationToken.None);

        await using var after = await SubscriberAsync("after");
        // A marker published now must be the first thing the newcomer sees: nothing retained came before it.
        await _bus.PublishAsync(Topic, new byte[] { 1, 2, 3 }, MqttQualityOfServiceLevel.AtMostOnce, retain: false, CancellationToken.None);
        var first = await after.WaitForTopicAsync(Topic);
        Assert.Equal([1, 2, 3], first.Payload);
    }

    [Fact]
    public async Task A_stream_shorter_than_the_head_is_all_in_the_head()
    {
        await using var early = await SubscriberAsync("early");
        var pacing = new StreamPacing(NowUs() + 200_000, LatencyMs: 400, SendAhead: TimeSpan.FromMilliseconds(100), HeadFrames: 50);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var end = await _streamer.StreamAsync(Packets(3), pacing, CancellationToken.None);

        Assert.Equal(3UL * 5 * 960, end);
        // Sent at once, but its head stays until it has sounded (epoch 200 ms ahead + 300 ms + 400 ms latency - 100 ms
        // send-ahead + 100 ms): a speaker that subscribes late still gets it.
        Assert.True(clock.ElapsedMilliseconds >= 800, $"the head was deleted after {clock.ElapsedMilliseconds} ms");
        await Poll.UntilAsync(() => early.Received.Any(m => m.Topic == Topic && m.Payload.Length == 0), "the head is cleared");
        var head = Assert.Single(Audio(early));
        Assert.True(head.IsEnd);
        Assert.Equal(15, head.Frames.Count);
    }

    [Fact]
    public async Task Without_a_head_every_packet_is_published_as_it_falls_due_and_nothing_is_retained()
    {
        await using var early = await SubscriberAsync("early");
        var pacing = new StreamPacing(NowUs(), LatencyMs: 400, SendAhead: TimeSpan.FromMilliseconds(100), HeadFrames: 0);
        await _streamer.StreamAsync(Packets(4), pacing, CancellationToken.None);

        await Poll.UntilAsync(() => Audio(early).Count == 4, "four packets arrive");
        Assert.DoesNotContain(early.Received, m => m.Payload.Length == 0);
    }
}
