using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using NAudio.Wave;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link;

/// <summary>
/// The whole path on real time: the test plays the controller (clock responses, retained desired state, paced
/// Opus packets of a sine it encoded), the agent plays into WAV files and reports its events over MQTT.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class EndToEndPlaybackTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ILoggerFactory _loggers = XunitLoggerProvider.Factory(output);
    private readonly string _wavDirectory = Path.Combine(Path.GetTempPath(), "inforadio-e2e-" + Guid.NewGuid().ToString("N"));
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
        if (Directory.Exists(_wavDirectory)) Directory.Delete(_wavDirectory, recursive: true);
    }

    private static long NowUs => DeviceAgent.Clock.DeviceTime.NowUs(TimeProvider.System);

    private List<DeviceEvent> Events() => _broker.PublishedTo(TopicTree.DeviceEvents("box-1"))
        .Select(m => MessageCodec.Parse<DeviceEvent>(m.Payload)).Select(r => r.IsOk ? r.Value! : throw new InvalidOperationException(r.Error)).ToList();

    private async Task<RunningAgent> StartAgentAsync(Func<Action<string>, DeviceAgent.Sinks.IAudioSink>? sinkFactory = null)
    {
        var options = RunningAgent.DefaultOptions(_broker.Port);
        options.Sink = "wav";
        options.WavDirectory = _wavDirectory;
        var agent = RunningAgent.Start(options, _loggers, sinkFactory);
        await Eventually.TrueAsync(() => agent.Agent.Status.Connected && agent.Agent.Status.ClockSynchronized, "connected with a clock sample");
        return agent;
    }

    private static DesiredState Desired(long rev, params SessionInfo[] sessions) => new() { Rev = rev, IssuedUs = NowUs, Sessions = sessions };

    private static SessionInfo Session(string id, uint stream, long epochUs, PriorityClass priority = PriorityClass.Normal) => new()
    {
        Session = id, Stream = stream, Priority = priority, Origin = OriginLevel.Province, EpochUs = epochUs, LatencyMs = 1000,
    };

    [Fact]
    public async Task A_real_opus_stream_plays_end_to_end_into_a_wav_file_with_started_and_finished_events()
    {
        await using var agent = await StartAgentAsync();
        var pcm = OpusStream.Sine(72_000, 440, amplitude: 0.6);
        var packets = OpusStream.Packetize(11, OpusStream.Encode(pcm));
        var epoch = NowUs + 1_000_000;
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(Desired(1, Session("e2e-news", 11, epoch))), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(11)) == 1, "audio subscribed");

        await StreamPublisher.PaceAsync(_broker, packets, epoch);
        await Eventually.TrueAsync(() => Events().Any(e => e.Type == DeviceEventType.PlayFinished), "play-finished was published");

        var events = Events();
        Assert.Equal([DeviceEventType.PlayStarted, DeviceEventType.PlayFinished], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("e2e-news", e.Session));
        Assert.Equal(0, events[0].Position);
        Assert.Equal(72_000, events[1].Position);
        Assert.Equal(0, events[1].Underruns);
        Assert.Equal(2, events.Select(e => e.Id).Distinct().Count());
        // Never early; late only by the tick, the clock error and whatever else shares these two cores.
        Assert.InRange(events[0].AtUs - (epoch + 1_000_000), 0, 500_000);
        Assert.InRange(events[1].AtUs - (epoch + 1_000_000 + 1_500_000), 0, 500_000);

        using (var reader = new WaveFileReader(Path.Combine(_wavDirectory, "e2e-news.wav")))
        {
            Assert.Equal(new WaveFormat(48_000, 16, 1), reader.WaveFormat);
            // The whole timeline from sample 0: 72,000 samples of the device clock, give or take the one-sample
            // corrections with which the playout follows the clock model as it sharpens (each 21 µs).
            Assert.InRange(reader.SampleCount, 72_000 - 48, 72_000 + 48);
            var bytes = new byte[reader.Length];
            reader.ReadExactly(bytes);
            var played = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
            Assert.InRange(OpusStream.ZeroCrossingFrequency(played.AsSpan(4_800)), 430, 450);
            Assert.InRange(OpusStream.Rms(played.AsSpan(4_800)), OpusStream.Rms(pcm) * 0.8, OpusStream.Rms(pcm) * 1.2);
        }

        var status = agent.Agent.Status;
        Assert.Equal(1, status.SessionsStarted);
        Assert.Equal(1, status.SessionsFinished);
        Assert.Null(status.CurrentSession);
        Assert.Null(status.ChosenSession); // finished: not chosen again although still desired
        await Eventually.TrueAsync(() => _broker.Unsubscriptions.Any(u => u.Filter == TopicTree.StreamAudio(11)), "the audio subscription was dropped");
        var lastState = MessageCodec.Parse<ReportedState>(_broker.PublishedTo(TopicTree.DeviceState("box-1"))[^1].Payload).Value!;
        Assert.True(lastState.Online);
        Assert.Null(lastState.Session);
        Assert.Equal(1, lastState.DesiredRev);
    }

    [Fact]
    public async Task An_emergency_on_the_device_topic_preempts_the_zone_session_and_switches_the_audio_subscription()
    {
        await using var agent = await StartAgentAsync();
        var tenSeconds = OpusStream.Packetize(21, OpusStream.Encode(OpusStream.Sine(480_000, 440)));
        var epochA = NowUs + 1_000_000;
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(Desired(1, Session("music", 21, epochA))), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(21)) == 1, "audio of the music subscribed");
        using var stopMusic = new CancellationTokenSource();
        var music = StreamPublisher.PaceAsync(_broker, tenSeconds, epochA, stopMusic.Token);
        await Eventually.TrueAsync(() => agent.Agent.Status.CurrentSession == "music", "the music plays");

        var alertPackets = OpusStream.Packetize(22, OpusStream.Encode(OpusStream.Sine(48_000, 1_000)));
        var epochB = NowUs + 1_000_000;
        await _broker.PublishAsync(TopicTree.DeviceDesired("box-1"),
            MessageCodec.Encode(Desired(1, Session("storm-alert", 22, epochB, PriorityClass.Emergency))), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(22)) == 1, "audio of the alert subscribed");
        await Eventually.TrueAsync(() => _broker.Unsubscriptions.Any(u => u.Filter == TopicTree.StreamAudio(21)), "the music's audio was dropped");
        await StreamPublisher.PaceAsync(_broker, alertPackets, epochB);
        await Eventually.TrueAsync(() => Events().Any(e => e.Type == DeviceEventType.PlayFinished && e.Session == "storm-alert"), "the alert finished");

        var events = Events();
        var interrupted = Assert.Single(events, e => e.Type == DeviceEventType.PlayInterrupted);
        Assert.Equal("music", interrupted.Session);
        Assert.Equal("preempted by storm-alert", interrupted.Reason);
        Assert.Single(events, e => e.Type == DeviceEventType.PlayStarted && e.Session == "storm-alert");

        // With the alert done the music, still desired and still streaming, comes back where it now is.
        await Eventually.TrueAsync(() => Events().Count(e => e.Type == DeviceEventType.PlayStarted && e.Session == "music") == 2, "the music resumed");
        var resumed = Events().Last(e => e.Type == DeviceEventType.PlayStarted && e.Session == "music");
        // The alert took 3 s of air (1 s lead, 1 s latency, 1 s of audio): at least 1.5 s of music was skipped.
        Assert.True(resumed.Position > interrupted.Position + 72_000, $"resumed at {resumed.Position} after stopping at {interrupted.Position}");
        Assert.Equal(["music.2.timeline.json", "music.2.wav", "music.timeline.json", "music.wav", "storm-alert.timeline.json", "storm-alert.wav"],
            Directory.GetFiles(_wavDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        stopMusic.Cancel();
        try
        {
            await music;
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task A_missing_audio_player_is_reported_as_an_error_event_and_the_session_still_runs_its_course()
    {
        await using var agent = await StartAgentAsync(onError => new DeviceAgent.Sinks.AlsaSink("/nonexistent/aplay", [], TimeSpan.Zero,
            onError, _loggers.CreateLogger("alsa")));
        var packets = OpusStream.Packetize(13, OpusStream.Encode(OpusStream.Sine(24_000, 440)));
        var epoch = NowUs + 1_000_000;
        await _broker.PublishAsync(TopicTree.ZoneDesired("all"), MessageCodec.Encode(Desired(1, Session("quiet", 13, epoch))), retain: true);
        await Eventually.TrueAsync(() => _broker.SubscriptionCount("box-1", TopicTree.StreamAudio(13)) == 1, "audio subscribed");
        await StreamPublisher.PaceAsync(_broker, packets, epoch);
        await Eventually.TrueAsync(() => Events().Any(e => e.Type == DeviceEventType.PlayFinished), "play-finished was published");

        var events = Events();
        var error = Assert.Single(events, e => e.Type == DeviceEventType.Error);
        Assert.Null(error.Session);
        Assert.Contains("/nonexistent/aplay", error.Reason);
        Assert.Equal([DeviceEventType.PlayStarted, DeviceEventType.PlayFinished],
            events.Where(e => e.Type != DeviceEventType.Error).Select(e => e.Type));
        Assert.True(agent.Agent.Status.Connected);
    }
}
