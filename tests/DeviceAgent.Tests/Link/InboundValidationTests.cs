using System.Text;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link;

/// <summary>Hostile or broken payloads on every topic the agent subscribes to: counted, logged, never fatal.</summary>
[Collection(RealTimeCollection.Name)]
public sealed class InboundValidationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
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
    public async Task Malformed_payloads_on_every_subscribed_topic_are_counted_per_kind_and_the_agent_carries_on()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), MessageCodec.Encode(AgentLinkTests.Desired(1, "news", stream: 42)), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(42)) == 1, "audio subscribed");

        byte[] garbage = [0xff, 0xfe, 0x00, 0x7b];
        var json = (string s) => Encoding.UTF8.GetBytes(s);
        var cases = new (string Topic, byte[] Payload)[]
        {
            (TopicTree.DeviceDesired("box-1"), garbage),
            (TopicTree.DeviceDesired("box-1"), json("""{"v":1,"rev":-1,"issuedUs":1750000000000000,"sessions":[]}""")),
            (TopicTree.DeviceCommands("box-1"), garbage),
            (TopicTree.DeviceCommands("box-1"), json("""{"v":1,"id":"c1","type":"self-destruct","issuedUs":1750000000000000}""")),
            (TopicTree.DeviceCommands("box-1"), []),
            (TopicTree.ClockResponse("box-1"), json("""{"v":1,"seq":0,"t0Us":1,"t1Us":5,"t2Us":4}""")),
            (TopicTree.ZoneDesired("all"), json("""{"v":2,"rev":1,"issuedUs":1750000000000000,"sessions":[]}""")),
            (TopicTree.ZoneDesired("village-3"), json("[1,2,3]")),
            (TopicTree.StreamAudio(42), garbage),
            (TopicTree.StreamAudio(42), AudioPacketCodec.Encode(new AudioPacket // a valid packet of stream 43 on stream 42's topic
            {
                Stream = 43, Sequence = 0, Position = 0, FrameSamples = 960, Frames = [new byte[] { 1, 2, 3 }],
            })),
        };
        foreach (var (topic, payload) in cases) await _broker.PublishAsync(topic, payload, qos: MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        await Eventually.TrueAsync(() => agent.Agent.Status.MalformedMessages == cases.Length, $"{cases.Length} rejections were counted");
        var byKind = agent.Agent.Status.MalformedByTopic;
        Assert.Equal(2, byKind[nameof(TopicKind.DeviceDesired)]);
        Assert.Equal(3, byKind[nameof(TopicKind.DeviceCommands)]);
        Assert.Equal(1, byKind[nameof(TopicKind.ClockResponse)]);
        Assert.Equal(2, byKind[nameof(TopicKind.ZoneDesired)]);
        Assert.Equal(2, byKind[nameof(TopicKind.StreamAudio)]);

        // Still connected, still following its desired state, still obeying commands.
        Assert.True(agent.Agent.Status.Connected);
        Assert.False(agent.Run.IsCompleted);
        Assert.Equal("news", agent.Agent.Status.ChosenSession);
        await _broker.PublishAsync(TopicTree.DeviceCommands("box-1"), MessageCodec.Encode(new DeviceCommand
        {
            Id = "c2", Type = DeviceCommandType.SetVolume, IssuedUs = 1_750_000_000_000_000, Volume = 40,
        }));
        await Eventually.TrueAsync(() => agent.Agent.Status.Volume == 40, "the valid command was applied");
        Assert.Equal(cases.Length, agent.Agent.Status.MalformedMessages);
    }

    [Fact]
    public async Task An_empty_retained_desired_state_clears_that_source_instead_of_counting_as_malformed()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.ZoneDesired("village-3"), MessageCodec.Encode(AgentLinkTests.Desired(7, "village-news", stream: 5)), retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.ChosenSession == "village-news", "the zone's session was chosen");

        await _broker.PublishAsync(TopicTree.ZoneDesired("village-3"), [], retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.ChosenSession is null, "the cleared zone no longer asks for anything");
        Assert.Equal(0, agent.Agent.Status.MalformedMessages);
    }

    [Fact]
    public async Task An_empty_message_on_the_stream_topic_is_a_deleted_head_not_malformed_audio()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), MessageCodec.Encode(AgentLinkTests.Desired(1, "news", stream: 42)), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(42)) == 1, "audio subscribed");

        // The controller clears a stream's retained head with an empty retained message; then a real rejection follows.
        await _broker.PublishAsync(TopicTree.StreamAudio(42), [], qos: MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        await _broker.PublishAsync(TopicTree.StreamAudio(42), [0xff, 0x00], qos: MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        await _broker.PublishAsync(TopicTree.DeviceCommands("box-1"), MessageCodec.Encode(new DeviceCommand
        {
            Id = "after", Type = DeviceCommandType.SetVolume, IssuedUs = 1_750_000_000_000_000, Volume = 35,
        }));
        await Eventually.TrueAsync(() => agent.Agent.Status.Volume == 35 && agent.Agent.Status.MalformedMessages >= 1, "everything sent was handled");
        Assert.Equal(1, agent.Agent.Status.MalformedMessages);
        Assert.Equal(1, agent.Agent.Status.MalformedByTopic[nameof(TopicKind.StreamAudio)]);
        Assert.Equal("news", agent.Agent.Status.ChosenSession);
    }

    [Fact]
    public async Task An_older_revision_from_the_same_source_does_not_override_the_newer_one()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(AgentLinkTests.Desired(5, "current", stream: 5)));
        await Eventually.TrueAsync(() => agent.Agent.Status.ChosenSession == "current", "rev 5 applied");
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(AgentLinkTests.Desired(4, "stale", stream: 6)));
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(AgentLinkTests.Desired(6, "newer", stream: 7)));
        await Eventually.TrueAsync(() => agent.Agent.Status.ChosenSession == "newer", "rev 6 applied");
        Assert.Equal(0, _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(6)));
    }
}
