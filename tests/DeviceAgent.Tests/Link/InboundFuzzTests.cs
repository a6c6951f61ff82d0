using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using InfoRadio.Testing;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link;

/// <summary>
/// Seeded random and mutated-valid payloads on every topic the agent subscribes to, through a real broker: the agent
/// stays connected and running, refuses at least every payload strict parsing refuses (it may refuse more, e.g. a
/// packet of another stream), and afterwards still follows a valid desired state and obeys a valid command.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class InboundFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20_261_202;
    private const int PayloadsPerTopic = 400;

    private readonly ILoggerFactory _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error));
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Allow("box-1", "s3cret");
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _loggers.Dispose();
    }

    [Fact]
    public async Task Random_and_mutated_payloads_on_every_subscribed_topic_are_refused_and_the_agent_carries_on()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), MessageCodec.Encode(AgentLinkTests.Desired(10, "news", stream: 42)), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(42)) == 1, "audio subscribed");

        var nowUs = DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);
        var packet = AudioPacketCodec.Encode(new AudioPacket
        {
            Stream = 42, Sequence = 3, Position = 2_880, FrameSamples = 960, Frames = [new byte[] { 0xf8, 0xff, 0xfe }, new byte[] { 0xf8, 0xff, 0xfe }],
        });
        var topics = new (string Topic, Func<byte[], bool> Valid, byte[][] Samples)[]
        {
            (TopicTree.DeviceDesired("box-1"), p => MessageCodec.Parse<DesiredState>(p).IsOk,
                [MessageCodec.Encode(AgentLinkTests.Desired(11, "news", stream: 42)), MessageCodec.Encode(AgentLinkTests.Desired(12, "alert", stream: 43, priority: PriorityClass.Emergency))]),
            (TopicTree.ZoneDesired("all"), p => MessageCodec.Parse<DesiredState>(p).IsOk,
                [MessageCodec.Encode(AgentLinkTests.Desired(3, "zone-news", stream: 44))]),
            (TopicTree.DeviceCommands("box-1"), p => MessageCodec.Parse<DeviceCommand>(p).IsOk,
                [MessageCodec.Encode(new DeviceCommand { Id = "c-fz", Type = DeviceCommandType.SetVolume, IssuedUs = nowUs, Volume = 55 })]),
            (TopicTree.ClockResponse("box-1"), p => MessageCodec.Parse<ClockSyncResponse>(p).IsOk,
                [MessageCodec.Encode(new ClockSyncResponse { Seq = 1, T0Us = nowUs, T1Us = nowUs + 2_000, T2Us = nowUs + 2_100 })]),
            (TopicTree.StreamAudio(42), p => AudioPacketCodec.Parse(p).IsOk, [packet]),
        };

        var fuzzer = new PayloadFuzzer(Seed);
        var refusedByParsing = 0;
        foreach (var (topic, valid, samples) in topics)
        {
            for (var i = 0; i < PayloadsPerTopic; i++)
            {
                var payload = fuzzer.Next(samples);
                if (payload.Length == 0) continue; // an empty message deletes a retained one: not a payload to parse
                if (!valid(payload)) refusedByParsing++;
                await _broker.PublishAsync(topic, payload, qos: MqttQualityOfServiceLevel.AtLeastOnce);
            }
        }
        output.WriteLine($"seed {Seed}: {refusedByParsing} payloads refused by strict parsing");
        Assert.InRange(refusedByParsing, topics.Length * PayloadsPerTopic / 4, topics.Length * PayloadsPerTopic);

        // Afterwards: sources cleared and set anew, then a fresh command, all obeyed.
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), [], qos: MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), MessageCodec.Encode(AgentLinkTests.Desired(long.MaxValue, "final", stream: 45)),
            qos: MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        await _broker.PublishAsync(TopicTree.DeviceCommands("box-1"), MessageCodec.Encode(new DeviceCommand
        {
            Id = "after-the-fuzz", Type = DeviceCommandType.SetVolume, IssuedUs = DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System), Volume = 33,
        }), qos: MqttQualityOfServiceLevel.AtLeastOnce);
        await Eventually.TrueAsync(() => agent.Agent.Status.Volume == 33, "the valid command after the fuzz was applied", TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => agent.Agent.Status.ChosenSession == "final", "the valid desired state after the fuzz was followed", TimeSpan.FromSeconds(20));
        Assert.True(agent.Agent.Status.Connected);
        Assert.False(agent.Run.IsCompleted);
        Assert.True(agent.Agent.Status.MalformedMessages >= refusedByParsing,
            $"the agent counted {agent.Agent.Status.MalformedMessages} malformed messages, parsing alone refuses {refusedByParsing}");
    }
}
