using System.Buffers;
using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>A live session to a wide audience packs more audio per message and waits longer (the wide live profile).</summary>
public sealed class Wide_Live_Tests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private string _probeSecret = "";

    public async Task InitializeAsync()
    {
        // A wide audience from two speakers, so that two registered speakers are one.
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null,
            ["--Broadcast:Profiles:WideLiveFromSpeakers=2", .. CalendarUsers.Args()]);
        _probeSecret = await _controller.RegisterDeviceAsync("probe");
        await _controller.RegisterDeviceAsync("second");
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task One_speaker_gets_the_live_profile_and_the_wide_audience_200_ms_packets_with_a_second_of_latency()
    {
        using (var one = await LiveClient.ConnectAsync(_controller, "targets=probe"))
        {
            Assert.Equal(200, (await one.WaitOnAirAsync()).GetProperty("latencyMs").GetInt32());
            await one.CloseAsync();
        }

        var received = new ConcurrentQueue<AudioPacket>();
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        mqtt.ApplicationMessageReceivedAsync += e =>
        {
            var parsed = AudioPacketCodec.Parse(e.ApplicationMessage.Payload.ToArray());
            if (parsed.IsOk) received.Enqueue(parsed.Value!);
            return Task.CompletedTask;
        };
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _controller.BrokerPort)
            .WithClientId("probe").WithCredentials("probe", _probeSecret).WithCleanStart().Build());

        using var all = await LiveClient.ConnectAsync(_controller, "targets=all");
        var onAir = await all.WaitOnAirAsync();
        Assert.Equal(1000, onAir.GetProperty("latencyMs").GetInt32());
        await mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(TopicTree.StreamAudio(onAir.GetProperty("stream").GetUInt32()), MqttQualityOfServiceLevel.AtMostOnce).Build());
        await all.StreamRealTimeAsync(SpeechLikeSignal.Generate(seed: 5, TimeSpan.FromSeconds(1)));
        await all.CloseAsync();

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(p => p.IsEnd)), TimeSpan.FromSeconds(10), "end packet");
        var full = received.Where(p => !p.IsEnd).ToArray();
        Assert.NotEmpty(full);
        Assert.All(full, p => Assert.Equal(10, p.Frames.Count));
    }
}
