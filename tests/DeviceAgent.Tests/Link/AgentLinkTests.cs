using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link;

/// <summary>The agent's MQTT link against a real MQTTnet broker over loopback TCP.</summary>
[Collection(RealTimeCollection.Name)]
public sealed class AgentLinkTests(ITestOutputHelper output) : IAsyncLifetime
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

    private async Task<ReportedState?> RetainedStateAsync(string id)
    {
        var payload = await _broker.RetainedAsync(TopicTree.DeviceState(id));
        return payload is null ? null : MessageCodec.Parse<ReportedState>(payload).Value;
    }

    private static IEnumerable<string> StaticFilters(string id) =>
    [
        TopicTree.DeviceDesired(id), TopicTree.DeviceCommands(id), TopicTree.ClockResponse(id), TopicTree.DevicePlan(id),
        TopicTree.ZoneDesired("all"), TopicTree.ZoneDesired("village-3"),
    ];

    [Fact]
    public async Task Connects_publishes_its_online_state_retained_and_subscribes_one_filter_per_subscribe()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");

        var state = await RetainedStateAsync("box-1");
        Assert.NotNull(state);
        Assert.True(state.Online);
        Assert.Equal(agent.Options.Firmware, state.Firmware);
        Assert.Equal(100, state.Volume);
        var online = Assert.Single(_broker.PublishedTo(TopicTree.DeviceState("box-1")));
        Assert.True(online.Retain);
        Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, online.QoS);

        foreach (var filter in StaticFilters("box-1")) Assert.Equal(1, _broker.SubscriptionCount("box-1", filter));
        Assert.Equal(6, _broker.Subscriptions.Count);
        Assert.All(_broker.FiltersPerSubscribe, count => Assert.Equal(1, count));
        Assert.DoesNotContain(_broker.Subscriptions, s => s.Filter.Contains('+') || s.Filter.Contains('#'));
    }

    [Fact]
    public async Task The_last_will_marks_the_device_offline_when_the_link_drops_and_it_comes_back_online()
    {
        await using var relay = new TcpRelay(_broker.Port);
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(relay.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        Assert.True((await RetainedStateAsync("box-1"))!.Online);

        relay.CutAll();

        // The agent is back within milliseconds, so the retained changes are watched rather than polled.
        var states = () => _broker.RetainedChanges.Where(m => m.Topic == TopicTree.DeviceState("box-1"))
            .Select(m => MessageCodec.Parse<ReportedState>(m.Payload).Value!).ToList();
        await Eventually.TrueAsync(() => states().Any(s => !s.Online), "the broker published the will");
        var will = states().First(s => !s.Online);
        Assert.Equal(0, will.AtUs); // the will, written at connect time, not a state the agent published
        await Eventually.TrueAsync(() => agent.Agent.Status.Connects == 2 && agent.Agent.Status.Connected, "the agent reconnected");
        await Eventually.TrueAsync(() => states() is [.., { Online: true }] && states().Count == 3, "the online state was published again");
        Assert.True((await RetainedStateAsync("box-1"))!.Online);
    }

    [Fact]
    public async Task Reconnects_after_the_broker_restarts_and_subscribes_again_including_the_audio_stream()
    {
        await using var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(Desired(1, "news", stream: 42)), retain: true);
        var audio = TopicTree.StreamAudio(42);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", audio) == 1, "the agent subscribed to the session's audio");

        await _broker.StopAsync();
        await Eventually.TrueAsync(() => !agent.Agent.Status.Connected, "the agent noticed the broker is gone");
        await _broker.RestartAsync();

        await Eventually.TrueAsync(() => agent.Agent.Status.Connects == 2 && agent.Agent.Status.Connected, "the agent reconnected", TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", audio) == 2, "the audio subscription was made again");
        foreach (var filter in StaticFilters("box-1")) Assert.Equal(2, _broker.SubscriptionCount("box-1", filter));
        Assert.Equal("news", agent.Agent.Status.ChosenSession);
    }

    [Fact]
    public async Task Refused_credentials_are_logged_and_retried_with_backoff_not_thrown()
    {
        var options = RunningAgent.DefaultOptions(_broker.Port, id: "box-2", secret: "wrong");
        await using var agent = RunningAgent.Start(options, _loggers);

        await Eventually.TrueAsync(() => agent.Agent.Status.ConnectRefusals >= 3, "several refused attempts");
        Assert.False(agent.Run.IsCompleted);
        Assert.False(agent.Agent.Status.Connected);

        _broker.Allow("box-2", "wrong"); // the controller provisions the device after all
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent got in once allowed");
    }

    [Fact]
    public async Task A_stop_publishes_the_offline_state_and_disconnects_cleanly()
    {
        var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await using (agent)
        {
            await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
            await agent.StopAsync();
        }
        var state = await RetainedStateAsync("box-1");
        Assert.False(state!.Online);
        Assert.NotEqual(0, state.AtUs); // written by the agent itself, not the will
    }

    [Fact]
    public async Task A_stop_whose_offline_state_the_broker_refuses_leaves_the_last_will_to_say_offline()
    {
        var agent = RunningAgent.Start(RunningAgent.DefaultOptions(_broker.Port), _loggers);
        await using (agent)
        {
            await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the agent connected");
            Assert.True((await RetainedStateAsync("box-1"))!.Online);
            // The agent's own offline state is refused (the Will, with atUs 0, goes through the same check).
            _broker.Refuse = m => m.Topic == TopicTree.DeviceState("box-1")
                && MessageCodec.Parse<ReportedState>(m.Payload).Value is { Online: false, AtUs: not 0 };
            await agent.StopAsync();
        }
        // Had the agent disconnected normally, the broker would have dropped the Will and kept "online" for ever.
        await Eventually.TrueAsync(async () => (await RetainedStateAsync("box-1"))!.Online == false, "the Will says offline");
        var state = await RetainedStateAsync("box-1");
        Assert.Equal(0, state!.AtUs); // the Will's, not the agent's own
    }

    internal static DesiredState Desired(long rev, string session, uint stream, long? epochUs = null, int latencyMs = 1000,
        PriorityClass priority = PriorityClass.Normal) => new()
    {
        Rev = rev,
        IssuedUs = DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System),
        Sessions =
        [
            new SessionInfo
            {
                Session = session, Stream = stream, Priority = priority, Origin = OriginLevel.Commune,
                EpochUs = epochUs ?? DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System) + 60_000_000, LatencyMs = latencyMs,
            },
        ],
    };
}
