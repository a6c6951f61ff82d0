using InfoRadio.DeviceAgent.Amplifier;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Amplifier;

/// <summary>
/// A real agent over MQTT on real time, the test playing the controller: pushed configurations are applied, stored
/// and reported, and the simulated relays switch in order around a real session's audio.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class AgentConfigAndRelaysTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
    private readonly string _state = Directory.CreateTempSubdirectory("agent-state-").FullName;
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Allow("box-1", "s3cret");
        RunningAgent.AnswerClock(_broker);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _loggers.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private static long NowUs => DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);

    private static DeviceConfig Config(long version, int volume, RelayDelays? relays = null) => new()
    {
        Version = version,
        Volume = volume,
        EmergencyVolume = 90,
        TelemetryIntervalS = 60,
        LatencyProfile = LatencyProfile.Low,
        Relays = relays ?? new RelayDelays { PowerOnDelayMs = 500, AmplifierOnDelayMs = 200, AmplifierOffDelayMs = 3000, PowerOffDelayMs = 1000 },
    };

    private static byte[] Desired(long rev, DeviceConfig? config, params SessionInfo[] sessions) =>
        MessageCodec.Encode(new DesiredState { Rev = rev, IssuedUs = NowUs, Sessions = sessions, Config = config });

    private async Task<RunningAgent> StartAgentAsync(IRelayDriver? relays = null, Func<Action<string>, DeviceAgent.Sinks.IAudioSink>? sink = null)
    {
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.StateDirectory = _state;
        var agent = RunningAgent.Start(options, _loggers, sink, relays);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected && agent.Agent.Status.ClockSynchronized, "connected with a clock sample");
        return agent;
    }

    private List<ReportedState> States() => _broker.PublishedTo(TopicTree.DeviceState("box-1"))
        .Select(m => MessageCodec.Parse<ReportedState>(m.Payload).Value!).ToList();

    [Fact]
    public async Task A_pushed_config_is_applied_stored_reported_and_restored_after_a_restart_without_a_link()
    {
        await using (var agent = await StartAgentAsync())
        {
            Assert.Null(agent.Agent.Status.ConfigVersion);
            await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), Desired(1, Config(3, 42)), retain: true);
            await Eventually.TrueAsync(() => States().Any(s => s.ConfigVersion == 3), "the applied version is reported");
            var status = agent.Agent.Status;
            Assert.Equal(42, status.Volume);
            Assert.Equal(3, status.ConfigVersion);
            Assert.Equal(42, States()[^1].Volume);
            Assert.Equal(Config(3, 42), MessageCodec.Parse<DeviceConfig>(File.ReadAllBytes(Path.Combine(_state, "config.json"))).Value);
        }

        // Restarted with no broker to reach: the stored settings hold at once.
        var options = RunningAgent.DefaultOptions(port: 1);
        options.StateDirectory = _state;
        await using var offline = new SpeakerAgent(options, _loggers, TimeProvider.System);
        Assert.Equal((3L, 42), (offline.Status.ConfigVersion!.Value, offline.Status.Volume));
    }

    [Fact]
    public async Task A_config_on_a_zone_topic_is_refused_and_not_applied()
    {
        await using var agent = await StartAgentAsync();
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), Desired(1, Config(9, 10)), retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.MalformedMessages > 0, "the message is counted as refused");
        Assert.Null(agent.Agent.Status.ConfigVersion);
        Assert.Equal(100, agent.Agent.Status.Volume);
        Assert.False(File.Exists(Path.Combine(_state, "config.json")));
    }

    [Fact]
    public async Task The_relays_switch_in_order_around_a_real_session_audio()
    {
        var relays = new SimulatedRelayDriver(TimeProvider.System);
        var sink = new MemorySink(TimeProvider.System);
        await using var agent = await StartAgentAsync(relays, _ => sink);
        var delays = new RelayDelays { PowerOnDelayMs = 400, AmplifierOnDelayMs = 300, AmplifierOffDelayMs = 500, PowerOffDelayMs = 400 };
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"), Desired(1, Config(1, 80, delays)), retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.ConfigVersion == 1, "config applied");

        var packets = OpusStream.Packetize(31, OpusStream.Encode(OpusStream.Sine(48_000, 440)));
        var epoch = NowUs + 1_000_000;
        var session = new SessionInfo
        {
            Session = "relayed", Stream = 31, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune, EpochUs = epoch, LatencyMs = 1000,
        };
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), Desired(1, null, session), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(31)) == 1, "audio subscribed");
        await StreamPublisher.PaceAsync(_broker, packets, epoch);
        await Eventually.TrueAsync(() => relays.Switches.Count == 4, "the relays switched on and off again", TimeSpan.FromSeconds(10));

        var take = Assert.Single(sink.Takes);
        Assert.NotEmpty(take.Samples);
        // Where the timeline puts the audio (the test's controller clock is the system clock): the playout holds
        // it to within milliseconds, while the sink's writes come in 100 ms batches.
        var firstSound = DateTimeOffset.UnixEpoch.AddTicks((epoch + 1_000_000) * 10);
        var lastSound = firstSound.AddSeconds(1);
        var s = relays.Switches;
        foreach (var x in s) output.WriteLine($"relay {x.Relay} {x.On} at {(x.At - firstSound).TotalMilliseconds:0} ms from the first sample");
        output.WriteLine($"last sample at {(lastSound - firstSound).TotalMilliseconds:0} ms");
        Assert.Equal([(Relays.Power, true), (Relays.Amplifier, true), (Relays.Amplifier, false), (Relays.Power, false)], s.Select(x => (x.Relay, x.On)));
        // The timing itself is proven on a fake clock (AmplifierSequencer tests); here, on the real clock of a shared
        // machine, timers may run late, never early: each delay is at least what was set, and no later than a
        // loaded test machine can explain.
        const double lateness = 1_000;
        // On: the power 700 ms ahead, the amplifier 300 ms ahead of the first sample.
        Assert.InRange((s[1].At - s[0].At).TotalMilliseconds, 390, 400 + lateness);
        Assert.True(s[1].At < firstSound, $"amplifier on at {s[1].At:HH:mm:ss.fff}, first sample at {firstSound:HH:mm:ss.fff}");
        Assert.InRange((firstSound - s[1].At).TotalMilliseconds, 0, 310);
        Assert.InRange((firstSound - s[0].At).TotalMilliseconds, 390, 710);
        // Off: after the last sample, each with its delay.
        Assert.InRange((s[2].At - lastSound).TotalMilliseconds, 480, 500 + lateness);
        Assert.InRange((s[3].At - s[2].At).TotalMilliseconds, 390, 400 + lateness);
        Assert.False(agent.Agent.Status.PowerRelay || agent.Agent.Status.AmplifierRelay);
    }
}
