using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using NAudio.Wave;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Offline;

/// <summary>
/// A real agent, a real broker publishing a retained plan, a real HTTP content server: the agent prefetches, the
/// broker goes away, and at the item's start the agent plays the cached file into its WAV sink; its play events wait
/// for the link and arrive once it is back.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Offline_Play_Tests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "inforadio-offline-" + Guid.NewGuid().ToString("N"));
    private readonly ContentServer _server = new("box-1", "s3cret");
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
        _server.Dispose();
        _loggers.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static long NowUs => DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);

    private List<DeviceEvent> Events() => _broker.PublishedTo(TopicTree.DeviceEvents("box-1"))
        .Select(m => MessageCodec.Parse<DeviceEvent>(m.Payload)).Select(r => r.IsOk ? r.Value! : throw new InvalidOperationException(r.Error)).ToList();

    [Fact]
    public async Task A_prefetched_item_plays_from_the_cache_at_its_start_while_the_broker_is_down_goes_on_when_the_link_returns_with_the_same_airing_and_its_events_arrive_after()
    {
        var file = TestOggOpus.Tone(440, 4);
        var sha = _server.Add(file);
        long samples;
        using (var stream = new MemoryStream(file))
        {
            var reader = new OggOpusReader(stream);
            while (reader.TryRead(out _)) { }
            samples = reader.PlayableSamples;
        }
        Assert.Equal(192_000, samples);

        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.Sink = "wav";
        options.WavDirectory = Path.Combine(_root, "wav");
        options.StateDirectory = Path.Combine(_root, "state");
        await using var agent = RunningAgent.Start(options, _loggers);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected && agent.Agent.Status.ClockSynchronized, "connected with a clock sample");

        var startUs = NowUs + 4_000_000;
        var plan = new PlayPlan
        {
            Rev = 3, IssuedUs = NowUs, ContentUrl = _server.BaseUrl,
            Items =
            [
                new PlanItem
                {
                    Id = "slot-1", Program = "morning-news", StartUs = startUs, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
                    Content = new PlanContent { Sha256 = sha, Bytes = file.Length, Samples = samples },
                },
            ],
        };
        await _broker.PublishAsync(TopicTree.DevicePlan("box-1"), MessageCodec.Encode(plan), retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.CacheReady == 1, "the content was prefetched");
        Assert.True(File.Exists(Path.Combine(options.StateDirectory, "plan.json")));
        Assert.True(File.Exists(Path.Combine(options.StateDirectory, "cache", sha + ".opus")));

        await _broker.StopAsync();
        await Eventually.TrueAsync(() => !agent.Agent.Status.Connected, "the link is down");
        Assert.True(NowUs < startUs - 1_000_000, "the link went down well before the item's start");

        await Eventually.TrueAsync(() => agent.Agent.Status.CurrentSession == "slot-1", "the item plays from the cache", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(Events(), e => e.Session == "slot-1");

        // The link returns mid-play, and the controller's desired state holds its session for the same slot: the
        // same airing, so the device neither plays it nor cuts the cached play for it.
        await _broker.RestartAsync();
        var airing = new SessionInfo
        {
            Session = "sess-slot-1", Stream = 31, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune, EpochUs = startUs - 1_000_000,
            LatencyMs = 1000, Slot = "slot-1",
        };
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"),
            MessageCodec.Encode(new DesiredState { Rev = 1, IssuedUs = NowUs, Sessions = [airing] }), retain: true);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected, "the link is back");
        Assert.Equal("slot-1", agent.Agent.Status.CurrentSession);
        await Eventually.TrueAsync(() => agent.Agent.Status.SessionsFinished == 1, "the item finished", TimeSpan.FromSeconds(10));
        Assert.Equal(0, _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(31)));
        Assert.Equal(1, agent.Agent.Status.SessionsStarted);
        Assert.Null(agent.Agent.Status.ChosenSession);

        using (var wav = new WaveFileReader(Path.Combine(options.WavDirectory, "slot-1.wav")))
        {
            Assert.Equal(new WaveFormat(48_000, 16, 1), wav.WaveFormat);
            // The content after its pre-skip, give or take the playout's one-sample clock corrections (here more than
            // usual: the reconnect's clock burst refines the model mid-play); 240 samples = 5 ms over 4 s.
            Assert.InRange(wav.SampleCount, samples - 240, samples + 240);
            var bytes = new byte[wav.Length];
            wav.ReadExactly(bytes);
            var played = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
            Assert.InRange(OpusStream.ZeroCrossingFrequency(played.AsSpan(4_800, 180_000)), 430, 450);
            Assert.InRange(OpusStream.Rms(played.AsSpan(4_800, 180_000)), 0.5 * 32767 / Math.Sqrt(2) * 0.8, 0.5 * 32767 / Math.Sqrt(2) * 1.2);
        }

        await Eventually.TrueAsync(() => Events().Count(e => e.Session == "slot-1") >= 2, "the queued play events arrive after the link returns",
            TimeSpan.FromSeconds(15));
        var events = Events().Where(e => e.Session == "slot-1").ToList();
        Assert.Equal([DeviceEventType.PlayStarted, DeviceEventType.PlayFinished], events.Select(e => e.Type));
        // Sounded at its start in controller time: never early, late only by a tick and the machine's load.
        Assert.InRange(events[0].AtUs - startUs, -20_000, 500_000);
        Assert.InRange(events[1].AtUs - (startUs + 4_000_000), -20_000, 500_000);
        Assert.DoesNotContain(Events(), e => e.Session == "sess-slot-1");
    }

    [Fact]
    public async Task An_agent_restarted_while_the_broker_is_down_plays_its_cached_item_on_the_clock_it_saved()
    {
        var file = TestOggOpus.Tone(440, 2);
        var sha = _server.Add(file);
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.Sink = "wav";
        options.WavDirectory = Path.Combine(_root, "wav");
        options.StateDirectory = Path.Combine(_root, "state");
        var startUs = 0L;
        await using (var first = RunningAgent.Start(options, _loggers))
        {
            await Eventually.TrueAsync(() => first.Agent.Status.Connected && first.Agent.Status.ClockSynchronized, "connected with a clock sample");
            startUs = NowUs + 8_000_000;
            var plan = new PlayPlan
            {
                Rev = 1, IssuedUs = NowUs, ContentUrl = _server.BaseUrl,
                Items =
                [
                    new PlanItem
                    {
                        Id = "slot-2", Program = "flood-warning", StartUs = startUs, Priority = PriorityClass.Emergency, Origin = OriginLevel.Commune,
                        Content = new PlanContent { Sha256 = sha, Bytes = file.Length, Samples = 96_000 },
                    },
                ],
            };
            await _broker.PublishAsync(TopicTree.DevicePlan("box-1"), MessageCodec.Encode(plan), retain: true);
            await Eventually.TrueAsync(() => first.Agent.Status.CacheReady == 1, "the content was prefetched");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(options.StateDirectory, DeviceAgent.Clock.ClockModelFile.FileName)), "the clock model was saved");
            // The power cut: the link is gone, then the box.
            await _broker.StopAsync();
            await Eventually.TrueAsync(() => !first.Agent.Status.Connected, "the link is down");
        }

        await using var second = RunningAgent.Start(options, _loggers);
        Assert.False(second.Agent.Status.Connected);
        Assert.False(second.Agent.Status.ClockSynchronized);
        Assert.True(NowUs < startUs - 1_000_000, "restarted well before the item's start");
        await Eventually.TrueAsync(() => second.Agent.Status.CurrentSession == "slot-2", "the item plays from the cache on the saved clock", TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => second.Agent.Status.SessionsFinished == 1, "the item finished", TimeSpan.FromSeconds(10));
        using var wav = new WaveFileReader(Path.Combine(options.WavDirectory, "slot-2.wav"));
        Assert.InRange(wav.SampleCount, 96_000 - 240, 96_000 + 240);
        Assert.False(second.Agent.Status.ClockSynchronized);
    }
}
