using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class PlayoutEngineGapTests
{
    private const int Fs = OpusStream.FrameSamples;
    private static readonly List<byte[]> ThreeSeconds = OpusStream.Encode(OpusStream.Sine(3 * 48_000, 440));

    /// <summary>Every frame but those listed, one frame per packet, plus the End.</summary>
    private static IEnumerable<AudioPacket> StreamWithout(ISet<int> missing) =>
        OpusStream.Packetize(7, ThreeSeconds, framesPerPacket: 1).Where((_, i) => !missing.Contains(i) || i == ThreeSeconds.Count - 1);

    private static ReadOnlySpan<short> FrameOf(MemorySink.Take take, int index) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(take.Samples).Slice(index * Fs, Fs);

    [Fact]
    public void Missing_frames_are_concealed_then_silent_after_the_limit_and_counted()
    {
        using var rig = new EngineRig(maxConcealedFrames: 10);
        var missing = new HashSet<int>(Enumerable.Range(10, 3).Concat(Enumerable.Range(20, 15)));
        rig.Engine.SetSession(EngineRig.Session("gappy", rig.ControllerNowUs));
        rig.Feed(StreamWithout(missing));
        rig.Run(TimeSpan.FromSeconds(4.1));

        var take = Assert.Single(rig.Sink.Takes);
        Assert.Equal(3 * 48_000, take.Samples.Count); // the timeline is kept whole through the gaps
        Assert.True(OpusStream.Rms(FrameOf(take, 10)) > 100, "a short gap is concealed, not silent");
        Assert.True(OpusStream.Rms(FrameOf(take, 20)) > 100, "the first frames of a long gap are concealed");
        for (var k = 30; k < 35; k++) Assert.True(OpusStream.Rms(FrameOf(take, k)) == 0, $"frame {k} is past the concealment limit");
        for (var k = 38; k < 140; k++) Assert.True(OpusStream.Rms(FrameOf(take, k)) > 3000, $"frame {k} should be decoded audio");

        Assert.Equal(18, rig.Engine.Snapshot().Underruns);
        Assert.Equal(18, Assert.Single(rig.EventsOf(DeviceEventType.PlayFinished)).Underruns);
    }

    [Fact]
    public void With_a_limit_of_zero_every_missing_frame_is_silence()
    {
        using var rig = new EngineRig(maxConcealedFrames: 0);
        rig.Engine.SetSession(EngineRig.Session("gappy", rig.ControllerNowUs));
        rig.Feed(StreamWithout(new HashSet<int> { 10 }));
        rig.Run(TimeSpan.FromSeconds(4.1));
        Assert.True(OpusStream.Rms(FrameOf(rig.Sink.Takes[0], 10)) == 0);
    }

    [Fact]
    public void Underrun_events_come_at_most_once_a_second_with_the_running_count()
    {
        using var rig = new EngineRig();
        // Gaps at 0.2 s, 0.4–0.7 s and 0.9 s of the stream.
        var missing = new HashSet<int>(Enumerable.Range(10, 3).Concat(Enumerable.Range(20, 15)).Append(45));
        rig.Engine.SetSession(EngineRig.Session("gappy", rig.ControllerNowUs));
        rig.Feed(StreamWithout(missing));
        rig.Run(TimeSpan.FromSeconds(4.1));

        var underruns = rig.EventsOf(DeviceEventType.Underrun);
        Assert.Equal(2, underruns.Count);
        Assert.Equal(1, underruns[0].Underruns);
        Assert.Equal(19, underruns[1].Underruns);
        Assert.True(underruns[1].AtUs - underruns[0].AtUs >= 1_000_000);
    }

    [Fact]
    public void A_stalled_playout_skips_ahead_instead_of_bursting()
    {
        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, ThreeSeconds));
        rig.Run(TimeSpan.FromMilliseconds(1500));
        var take = rig.Sink.Takes[0];
        var before = take.Samples.Count;

        rig.Time.Advance(TimeSpan.FromSeconds(1)); // the process was frozen for a second
        rig.Engine.Tick();

        var written = take.Samples.Count - before;
        Assert.InRange(written, 1, 2 * Fs);
        Assert.True(rig.Engine.Snapshot().Underruns >= 45, $"skipped frames count as underruns ({rig.Engine.Snapshot().Underruns})");
    }

    [Fact]
    public void A_file_sink_gets_every_sample_after_a_stall_so_its_timeline_stays_whole()
    {
        using var rig = new EngineRig(realTimeSink: false);
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, ThreeSeconds));
        rig.Run(TimeSpan.FromMilliseconds(1500));
        var before = rig.Sink.Takes[0].Samples.Count;

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.Engine.Tick();

        Assert.Equal(before + 50 * Fs, rig.Sink.Takes[0].Samples.Count);
        Assert.Equal(0, rig.Engine.Snapshot().Underruns);
    }

    [Fact]
    public void Sender_lost_frames_of_length_zero_are_concealed_without_an_underrun()
    {
        using var rig = new EngineRig();
        var frames = ThreeSeconds.Select((f, i) => i == 10 ? [] : f).ToList();
        rig.Engine.SetSession(EngineRig.Session("lossy", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, frames));
        rig.Run(TimeSpan.FromSeconds(4.1));
        Assert.Equal(0, rig.Engine.Snapshot().Underruns);
        Assert.True(OpusStream.Rms(FrameOf(rig.Sink.Takes[0], 10)) > 100);
    }
}
