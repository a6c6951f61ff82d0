using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Audio;
using Microsoft.Extensions.Time.Testing;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>
/// An audio packet whose samples have all sounded by the time it would leave for a listener is not sent: it could only
/// be thrown away at the speaker. Packets still to sound, and packets of streams whose timing the controller does not
/// hold, go out as before.
/// </summary>
public sealed class EmbeddedBrokerStaleAudioTests : IAsyncLifetime
{
    private const string Audio7 = "inforadio/v1/streams/7/audio";
    private const string Audio8 = "inforadio/v1/streams/8/audio";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly long EpochUs = (Start - DateTimeOffset.UnixEpoch).Ticks / 10;

    private readonly FakeTimeProvider _time = new(Start);
    private StreamDeadlines _deadlines = null!;
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _deadlines = new StreamDeadlines(_time);
        _broker = await TestBroker.StartAsync(_time, deadlines: _deadlines);
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private static byte[] Packet(uint stream, uint sequence, ulong position) => AudioPacketCodec.Encode(new AudioPacket
    {
        Stream = stream, Sequence = sequence, Position = position, FrameSamples = 960,
        Frames = Enumerable.Range(0, 10).Select(_ => (ReadOnlyMemory<byte>)new byte[] { 0xF8, 0xFF, 0xFE }).ToArray(),
    });

    [Fact]
    public async Task A_packet_whose_samples_have_all_sounded_is_not_sent_and_is_counted()
    {
        // Latency 800 ms: the packet at 0 (200 ms) sounds from epoch + 0.8 s to epoch + 1.0 s, the one at 1 s until + 2.0 s.
        _deadlines.Open(7, EpochUs, 800);
        var secret = _broker.Register("dev1");
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);
        await device.SubscribeAsync(Audio7, MqttQualityOfServiceLevel.AtMostOnce);
        await device.SubscribeAsync(Audio8, MqttQualityOfServiceLevel.AtMostOnce);
        await using var controller = await _broker.ConnectControllerAsync();

        _time.Advance(TimeSpan.FromMilliseconds(1_100));
        await controller.PublishAsync(Audio7, Packet(7, 1, 0), MqttQualityOfServiceLevel.AtMostOnce);
        await controller.PublishAsync(Audio8, Packet(8, 1, 0), MqttQualityOfServiceLevel.AtMostOnce);
        await controller.PublishAsync(Audio7, Packet(7, 2, 48_000), MqttQualityOfServiceLevel.AtMostOnce);
        await device.WaitForAsync(m => m.Topic == Audio7 && AudioPacketCodec.Parse(m.Payload).Value?.Sequence == 2, "the packet still to sound");

        Assert.Equal(["8:1", "7:2"], device.Received.Select(m => AudioPacketCodec.Parse(m.Payload).Value!).Select(p => $"{p.Stream}:{p.Sequence}"));
        Assert.Equal(1, _broker.Counters.StaleAudioNotSent);
    }

    [Fact]
    public async Task Once_the_stream_is_closed_its_packets_go_out_whatever_their_time()
    {
        _deadlines.Open(7, EpochUs, 800);
        _deadlines.Close(7);
        var secret = _broker.Register("dev1");
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);
        await device.SubscribeAsync(Audio7, MqttQualityOfServiceLevel.AtMostOnce);
        await using var controller = await _broker.ConnectControllerAsync();

        _time.Advance(TimeSpan.FromSeconds(30));
        await controller.PublishAsync(Audio7, Packet(7, 1, 0), MqttQualityOfServiceLevel.AtMostOnce);
        await device.WaitForTopicAsync(Audio7);

        Assert.Equal(0, _broker.Counters.StaleAudioNotSent);
    }
}
