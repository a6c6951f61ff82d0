using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class PlayoutEngineTimingTests
{
    private static readonly List<byte[]> OneSecond = OpusStream.Encode(OpusStream.Sine(48_000, 440));

    [Fact]
    public void The_first_sample_is_written_at_epoch_plus_latency_and_each_frame_when_its_time_comes()
    {
        using var rig = new EngineRig();
        var epoch = rig.ControllerNowUs + 200_000;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        rig.Feed(OpusStream.Packetize(7, OneSecond));

        rig.Run(TimeSpan.FromMilliseconds(1190));
        Assert.Empty(rig.Sink.Takes);
        Assert.Empty(rig.Events);

        rig.Run(TimeSpan.FromMilliseconds(10));
        var take = Assert.Single(rig.Sink.Takes);
        Assert.Equal("news", take.Session);
        Assert.Equal(EngineRig.DeviceInstant(epoch + 1_000_000), take.Writes[0].At);
        var started = Assert.Single(rig.EventsOf(DeviceEventType.PlayStarted));
        Assert.Equal(0UL, started.Position);
        Assert.Equal("news", rig.Engine.Snapshot().PlayingSession);

        rig.Run(TimeSpan.FromMilliseconds(1100));
        ulong position = 0;
        foreach (var (at, count) in take.Writes)
        {
            var due = EngineRig.DeviceInstant(Timeline.SampleTimeUs(epoch, 1000, position));
            Assert.InRange(at, due, due + EngineRig.Tick - TimeSpan.FromTicks(1));
            position += (ulong)count;
        }
        Assert.Equal(48_000, take.Samples.Count);
        Assert.True(take.Closed);
        var finished = Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished));
        Assert.Equal(48_000UL, finished.Position);
        Assert.Equal(0, finished.Underruns);
        Assert.Equal(1, rig.Engine.Snapshot().SessionsFinished);
        Assert.Null(rig.Engine.Snapshot().PlayingSession);
    }

    [Fact]
    public void Finished_is_reported_only_when_the_last_samples_instant_has_come()
    {
        using var rig = new EngineRig();
        var epoch = rig.ControllerNowUs;
        rig.Engine.SetSession(EngineRig.Session("short", epoch));
        rig.Feed(OpusStream.Packetize(7, OneSecond));

        rig.Run(TimeSpan.FromMilliseconds(1990)); // samples due through 990 ms of the timeline
        Assert.Equal(47_521, rig.Sink.Takes[0].Samples.Count);
        Assert.Empty(rig.EventsOf(DeviceEventType.PlayFinished));

        rig.Run(TimeSpan.FromMilliseconds(10)); // the last sample is written at 1999.98 ms and has sounded at 2000 ms
        Assert.Equal(48_000, rig.Sink.Takes[0].Samples.Count);
        Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished));
    }

    [Fact]
    public void A_sink_with_output_latency_is_written_that_much_earlier()
    {
        using var rig = new EngineRig(sinkLatency: TimeSpan.FromMilliseconds(100));
        var epoch = rig.ControllerNowUs;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        rig.Feed(OpusStream.Packetize(7, OneSecond));

        rig.Run(TimeSpan.FromMilliseconds(900));
        Assert.Equal(EngineRig.DeviceInstant(epoch + 900_000), rig.Sink.Takes[0].Writes[0].At);
    }

    [Fact]
    public void Nothing_plays_before_the_clock_has_a_sample_then_it_joins_where_the_stream_is()
    {
        using var rig = new EngineRig(synchronize: false);
        var epoch = rig.ControllerNowUs;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        rig.Feed(OpusStream.Packetize(7, OneSecond));
        rig.Run(TimeSpan.FromMilliseconds(1500));
        Assert.Empty(rig.Sink.Takes);

        TestTime.Synchronize(rig.Clock, EngineRig.OffsetUs);
        rig.Run(TimeSpan.FromMilliseconds(10));
        // 510 ms into the timeline: a sound card starts with sample 24,480, the one sounding now (mid-frame).
        Assert.Equal(24_480UL, Assert.Single(rig.EventsOf(DeviceEventType.PlayStarted)).Position);
        rig.Run(TimeSpan.FromMilliseconds(600));
        Assert.Equal(48_000 - 24_480, rig.Sink.Takes[0].Samples.Count);
    }
}
