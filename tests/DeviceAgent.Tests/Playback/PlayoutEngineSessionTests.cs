using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class PlayoutEngineSessionTests
{
    private const int Fs = OpusStream.FrameSamples;
    private static readonly List<byte[]> EightSeconds = OpusStream.Encode(OpusStream.Sine(8 * 48_000, 440));

    private static IEnumerable<AudioPacket> Between(uint stream, double fromSeconds, double toSeconds) =>
        OpusStream.Packetize(stream, EightSeconds).Where(p => p.Position >= fromSeconds * 48_000 && p.Position < toSeconds * 48_000);

    [Fact]
    public void Joining_mid_stream_starts_at_the_due_position_without_replaying_old_audio()
    {
        using var rig = new EngineRig();
        // The session went on air 5 s ago: with 1 s latency, sample 4 s is sounding now.
        var epoch = rig.ControllerNowUs - 5_000_000;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        rig.Feed(Between(7, 3.0, 8.0)); // includes a second of stale audio that must never sound

        rig.Engine.Tick();
        Assert.Equal(4UL * 48_000, Assert.Single(rig.EventsOf(DeviceEventType.PlayStarted)).Position);
        var take = rig.Sink.Takes[0];
        Assert.Equal(rig.Time.GetUtcNow(), take.Writes[0].At);
        Assert.Single(take.Samples); // the one sample sounding now, not a burst of the backlog

        rig.Run(TimeSpan.FromSeconds(4.1));
        Assert.Equal(4 * 48_000, take.Samples.Count);
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished));
        Assert.Equal(0, rig.Engine.Snapshot().Underruns);
    }

    [Fact]
    public void A_joiner_whose_audio_arrives_ahead_waits_for_its_first_frame()
    {
        using var rig = new EngineRig();
        var epoch = rig.ControllerNowUs - 5_000_000;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        // Subscribed just now: the first packet it gets is the one the controller sends now, 1 s ahead.
        rig.Feed(Between(7, 5.0, 8.0));

        rig.Run(TimeSpan.FromMilliseconds(990));
        Assert.Empty(rig.Sink.Takes);
        rig.Run(TimeSpan.FromMilliseconds(10));
        Assert.Equal(5UL * 48_000, Assert.Single(rig.EventsOf(DeviceEventType.PlayStarted)).Position);
        Assert.Equal(0, rig.Engine.Snapshot().Underruns);
    }

    [Fact]
    public void Preemption_interrupts_and_a_later_rejoin_resumes_where_the_stream_is_now()
    {
        using var rig = new EngineRig();
        var epoch = rig.ControllerNowUs;
        var news = EngineRig.Session("news", epoch);
        rig.Engine.SetSession(news);
        rig.Feed(Between(7, 0, 8));
        rig.Run(TimeSpan.FromSeconds(2)); // 1 s of timeline: samples 0–48,000 are due (48,000 at exactly 1 s)

        var alert = EngineRig.Session("alert", rig.ControllerNowUs - 1_000_000, stream: 9, priority: PriorityClass.Emergency);
        rig.Engine.SetSession(alert);
        var interrupted = Assert.Single(rig.EventsOf(DeviceEventType.PlayInterrupted));
        Assert.Equal("news", interrupted.Session);
        Assert.Equal("preempted by alert", interrupted.Reason);
        Assert.Equal(48_001UL, interrupted.Position);
        Assert.Equal(48_001, rig.Sink.Takes[0].Samples.Count);
        Assert.True(rig.Sink.Takes[0].Closed);

        rig.Feed(OpusStream.Packetize(9, EightSeconds.Take(50).ToList()));
        rig.Run(TimeSpan.FromSeconds(1.1));
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished), e => e.Session == "alert");

        // News comes back at 3.1 s, 2.1 s into its timeline; the controller never stopped streaming it.
        rig.Engine.SetSession(news);
        rig.Feed(Between(7, 0, 8)); // even a replayed backlog must not sound again
        rig.Engine.Tick();
        var restarts = rig.EventsOf(DeviceEventType.PlayStarted).Where(e => e.Session == "news").ToList();
        Assert.Equal(2, restarts.Count);
        Assert.Equal(105UL * Fs, restarts[1].Position); // 2.1 s × 48 kHz = 100,800 = frame 105, due right now
        Assert.Equal(new[] { "news", "alert", "news" }, rig.Sink.Takes.Select(t => t.Session));
    }

    [Fact]
    public void Removal_from_desired_state_interrupts_and_a_not_started_session_reports_nothing()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("waiting", rig.ControllerNowUs + 10_000_000));
        rig.Engine.SetSession(null);
        Assert.Empty(rig.Events);

        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(Between(7, 0, 8));
        rig.Run(TimeSpan.FromSeconds(1.5));
        rig.Engine.SetSession(null);

        var interrupted = Assert.Single(rig.EventsOf(DeviceEventType.PlayInterrupted));
        Assert.Equal("removed from desired state", interrupted.Reason);
        Assert.Equal((ulong)rig.Sink.Takes[0].Samples.Count, interrupted.Position);
        Assert.Equal(1, rig.Engine.Snapshot().SessionsInterrupted);
    }

    [Fact]
    public void A_finished_session_is_never_played_twice()
    {
        using var rig = new EngineRig();
        var news = EngineRig.Session("news", rig.ControllerNowUs);
        rig.Engine.SetSession(news);
        rig.Feed(OpusStream.Packetize(7, EightSeconds.Take(25).ToList()));
        rig.Run(TimeSpan.FromSeconds(1.6));
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished));

        rig.Engine.SetSession(news); // a late copy of the desired state still lists it
        rig.Feed(OpusStream.Packetize(7, EightSeconds.Take(25).ToList()));
        rig.Run(TimeSpan.FromSeconds(1));
        Assert.Single(rig.Sink.Takes);
        Assert.Null(rig.Engine.Snapshot().ChosenSession);
    }

    [Fact]
    public void Packets_of_another_stream_or_frame_size_are_not_buffered()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        var other = OpusStream.Packetize(8, EightSeconds.Take(5).ToList())[0];
        Assert.Equal(DeviceAgent.Playback.PacketOutcome.NotPlaying, rig.Engine.OnPacket(other));
        var tenMs = OpusStream.Packetize(7, OpusStream.Encode(OpusStream.Sine(4_800, 440), 480), frameSamples: 480)[0];
        Assert.Equal(DeviceAgent.Playback.PacketOutcome.WrongFrameSize, rig.Engine.OnPacket(tenMs));
    }
}
