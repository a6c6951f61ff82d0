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
        // Desired states last: a mutated one that is still valid may choose another session, and then the agent no
        // longer subscribes to stream 42, whose fuzzed packets would not reach it.
        var topics = new (string Topic, TopicKind Kind, Func<byte[], bool> Valid, byte[][] Samples)[]
        {
            (TopicTree.DeviceCommands("box-1"), TopicKind.DeviceCommands, p => MessageCodec.Parse<DeviceCommand>(p).IsOk,
                [MessageCodec.Encode(new DeviceCommand { Id = "c-fz", Type = DeviceCommandType.SetVolume, IssuedUs = nowUs, Volume = 55 })]),
            (TopicTree.ClockResponse("box-1"), TopicKind.ClockResponse, p => MessageCodec.Parse<ClockSyncResponse>(p).IsOk,
                [MessageCodec.Encode(new ClockSyncResponse { Seq = 1, T0Us = nowUs, T1Us = nowUs + 2_000, T2Us = nowUs + 2_100 })]),
            (TopicTree.StreamAudio(42), TopicKind.StreamAudio, p => AudioPacketCodec.Parse(p).IsOk, [packet]),
            (TopicTree.DeviceDesired("box-1"), TopicKind.DeviceDesired, p => MessageCodec.Parse<DesiredState>(p).IsOk,
                [MessageCodec.Encode(AgentLinkTests.Desired(11, "news", stream: 42)), MessageCodec.Encode(AgentLinkTests.Desired(12, "alert", stream: 43, priority: PriorityClass.Emergency))]),
            (TopicTree.ZoneDesired("all"), TopicKind.ZoneDesired, p => MessageCodec.Parse<DesiredState>(p).IsOk,
                [MessageCodec.Encode(AgentLinkTests.Desired(3, "zone-news", stream: 44))]),
        };

        var fuzzer = new PayloadFuzzer(Seed);
        var refusedByParsing = 0;
        foreach (var (topic, kind, valid, samples) in topics)
        {
            var refused = 0;
            for (var i = 0; i < PayloadsPerTopic; i++)
            {
                var payload = fuzzer.Next(samples);
                if (payload.Length == 0) continue; // an empty message deletes a retained one: not a payload to parse
                if (!valid(payload)) refused++;
                await _broker.PublishAsync(topic, payload, qos: MqttQualityOfServiceLevel.AtLeastOnce);
            }
            output.WriteLine($"{topic}: {refused} of {PayloadsPerTopic} refused by strict parsing");
            refusedByParsing += refused;
            // One topic at a time: a burst of thousands would overflow the broker's queue for the agent (it drops the
            // oldest beyond 1,000), and those would never reach it. The agent may refuse more than parsing does.
            await Eventually.TrueAsync(() => agent.Agent.Status.MalformedByTopic.GetValueOrDefault(kind.ToString()) >= refused,
                $"at least the {refused} payloads on {topic} that parsing refuses counted as malformed", TimeSpan.FromSeconds(20));
        }
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
    }
}
