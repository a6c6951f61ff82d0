using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>
/// The sink plays 48 kHz of the device clock, the stream is on the controller's: the playout keeps them together
/// one sample at a time. Position frames tell exactly which stream sample went where.
/// </summary>
public sealed class PlayoutEngineDriftTests
{
    private const int Fs = PositionFrames.FrameSamples;

    [Theory]
    [InlineData(100.0, true)]
    [InlineData(-100.0, true)]
    [InlineData(100.0, false)]
    public void Drift_of_100_ppm_over_an_hour_stays_within_a_millisecond_by_single_sample_corrections(double driftPpm, bool realTime)
    {
        var run = new DriftRun(driftPpm, realTime, seconds: 3_600);
        run.Rig.Engine.SetSession(EngineRig.Session("hour", run.Epoch));
        run.Play(TimeSpan.FromSeconds(3_602));

        Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayFinished));
        // Within the 1 ms deadband (and a sample) while the drift is learnt, within the 0.1 ms one after.
        Assert.InRange(run.WorstErrorSamples, 0, 49);
        Assert.InRange(run.Blocks.SkipWhile(b => !b.Converged).Skip(100).Max(b => Math.Abs(b.ErrorSamples)), 0, 6);
        Assert.Equal(1, run.LargestStep);
        Assert.True(run.ClosestCorrections >= PlayoutEngine.BlockSamples, $"corrections {run.ClosestCorrections} samples apart");
        // 100 ppm of an hour at 48 kHz is 17,280 samples; the controller's clock is the faster one: drops.
        Assert.InRange(run.Corrections, 17_280 * 0.97, 17_280 * 1.03);
        var snapshot = run.Rig.Engine.Snapshot();
        Assert.Equal(run.Corrections, driftPpm > 0 ? snapshot.SamplesDropped : snapshot.SamplesInserted);
        Assert.Equal(0, driftPpm > 0 ? snapshot.SamplesInserted : snapshot.SamplesDropped);
        Assert.Equal(0, snapshot.Reanchors);
        Assert.Equal(0, snapshot.Underruns);
        // Every sample of the stream from the start went out, less the drops or plus the inserts. (A sound card
        // starts with the sample sounding at the first tick: a few samples in, as the drift moved the timeline.)
        var start = (long)Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayStarted)).Position;
        Assert.InRange(start, 0, realTime ? 480 : 0);
        var take = Assert.Single(run.Sink.Takes);
        Assert.Equal((long)run.End - start + (driftPpm > 0 ? -run.Corrections : run.Corrections), take.Samples);
    }

    [Fact]
    public void A_correction_stretches_one_block_linearly_keeping_its_ends_so_nothing_clicks()
    {
        var block = new short[481];
        for (var i = 0; i < block.Length; i++) block[i] = (short)Math.Round(20_000 * Math.Sin(2 * Math.PI * 1_000 * i / 48_000));
        foreach (var length in new[] { 480, 482 })
        {
            var output = new short[length];
            PlayoutEngine.Stretch(block, output);
            Assert.Equal(block[0], output[0]);
            Assert.Equal(block[^1], output[^1]);
            var steepestIn = block.Zip(block.Skip(1), (a, b) => Math.Abs(b - a)).Max();
            var steepestOut = output.Zip(output.Skip(1), (a, b) => Math.Abs(b - a)).Max();
            Assert.InRange(steepestOut, 0, steepestIn * 1.01 + 1); // a pitch change of 0.2 %, not a jump
        }
    }

    [Fact]
    public void A_packet_that_arrives_after_its_instant_is_dropped_and_the_timeline_does_not_move()
    {
        using var rig = new EngineRig(decoder: () => new PositionFrames.Decoder());
        var epoch = rig.ControllerNowUs;
        rig.Engine.SetSession(EngineRig.Session("news", epoch));
        var packets = PositionFrames.Packets(7, 0, 150, endAt: 150 * Fs).ToList();
        rig.Feed(packets.Where((_, i) => i != 10)); // packet 10 (frames 50–54, 1.0–1.1 s) is held up
        rig.Run(TimeSpan.FromSeconds(2.2));
        rig.Engine.OnPacket(packets[10]); // 100 ms after its last frame was due
        rig.Run(TimeSpan.FromSeconds(2));

        var samples = rig.Sink.Takes[0].Samples;
        Assert.Equal(150 * Fs, samples.Count);
        for (var k = 0; k < samples.Count; k += 97)
        {
            var inGap = k >= 50 * Fs && k < 55 * Fs;
            Assert.Equal(inGap ? PositionFrames.Concealed : PositionFrames.Value((ulong)k), samples[k]);
        }
        Assert.Equal(5, rig.Engine.Snapshot().Underruns);
    }

    [Fact]
    public void A_gap_is_concealed_up_to_the_limit_then_silent_then_plays_on_at_its_place()
    {
        using var rig = new EngineRig(maxConcealedFrames: 3, decoder: () => new PositionFrames.Decoder());
        rig.Engine.SetSession(EngineRig.Session("news", rig.ControllerNowUs));
        rig.Feed(PositionFrames.Packets(7, 0, 100, framesPerPacket: 1, endAt: 100 * Fs).Where(p => p.Position is < 20 * Fs or >= 28 * Fs));
        rig.Run(TimeSpan.FromSeconds(3.1));

        var samples = rig.Sink.Takes[0].Samples;
        Assert.Equal(100 * Fs, samples.Count);
        short At(int frame, int offset = 0) => samples[frame * Fs + offset];
        Assert.Equal(PositionFrames.Value(19 * Fs + 959), At(19, 959));
        for (var f = 20; f < 23; f++) Assert.Equal(PositionFrames.Concealed, At(f, 500));
        for (var f = 23; f < 28; f++) Assert.Equal(0, At(f, 500));
        Assert.Equal(PositionFrames.Value(28 * Fs), At(28));
        Assert.Equal(8, rig.Engine.Snapshot().Underruns);
    }

    [Fact]
    public void Rejoining_after_a_reconnect_mid_stream_lands_at_the_right_position_without_replay_or_burst()
    {
        var run = new DriftRun(driftPpm: 40, realTime: true, seconds: 20);
        var positions = new List<PlayoutBlock>();
        var observe = run.Rig.Engine.BlockWritten!;
        run.Rig.Engine.BlockWritten = b =>
        {
            observe(b);
            positions.Add(b);
        };
        run.Rig.Engine.SetSession(EngineRig.Session("news", run.Epoch));
        // The link is down from 6 s to 9 s of the stream: nothing of it arrives, not even late.
        run.Play(TimeSpan.FromSeconds(22), deliver: position => position < 6 * 48_000 || position >= 9 * 48_000);

        Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayFinished));
        // The drift is still being learnt: it is not followed yet, and the playout keeps within the wider deadband.
        Assert.InRange(run.WorstErrorSamples, 0, Timeline.SamplesIn(new PlayoutSettings().UnconvergedDeadband) + 2);
        // Continuous: every block picks up where the previous left, on both sides, and never goes back.
        for (var i = 1; i < positions.Count; i++)
        {
            Assert.Equal(positions[i - 1].SinkIndex + positions[i - 1].SinkSamples, positions[i].SinkIndex);
            Assert.Equal(positions[i - 1].StreamPosition + (ulong)positions[i - 1].StreamSamples, positions[i].StreamPosition);
        }
        var take = Assert.Single(run.Sink.Takes);
        Assert.InRange(take.LargestWrite, 1, 2 * PlayoutEngine.BlockSamples); // no burst after the outage
        Assert.Equal(150, run.Rig.Engine.Snapshot().Underruns); // 3 s of 20 ms frames, concealed then silent
        Assert.Equal(0, run.Rig.Engine.Snapshot().Reanchors);
    }

    [Theory]
    [InlineData(300_000)]
    [InlineData(-300_000)]
    public void A_clock_step_re_anchors_the_playout_at_once_without_burst_or_replay(long stepUs)
    {
        var run = new DriftRun(driftPpm: 0, realTime: true, seconds: 10);
        var blocks = new List<PlayoutBlock>();
        var observe = run.Rig.Engine.BlockWritten!;
        run.Rig.Engine.BlockWritten = b =>
        {
            observe(b);
            blocks.Add(b);
        };
        run.Rig.Engine.SetSession(EngineRig.Session("news", run.Epoch));
        run.Play(TimeSpan.FromSeconds(4));
        var before = blocks.Count;

        run.Controller.OffsetUs += stepUs; // the controller's clock was stepped
        Assert.Equal(Protocol.Clock.ClockAddResult.Jump, run.Controller.Exchange());
        run.Play(TimeSpan.FromSeconds(8));

        Assert.Equal(1, run.Rig.Engine.Snapshot().Reanchors);
        var after = blocks.Skip(before).ToList();
        if (stepUs > 0)
        {
            // The timeline jumped ahead: 14,400 samples of the stream are skipped at once, none played late.
            Assert.All(after.Zip(after.Skip(1)), p => Assert.True(p.Second.StreamPosition == p.First.StreamPosition + (ulong)p.First.StreamSamples
                || p.Second.StreamPosition - p.First.StreamPosition - (ulong)p.First.StreamSamples is >= 14_000 and <= 14_800));
        }
        else
        {
            // The timeline went back: 300 ms of silence, then the stream goes on from where it was; nothing replays.
            var silence = after.Where(b => b.StreamSamples == 0).Sum(b => b.SinkSamples);
            Assert.InRange(silence, 14_000, 14_800);
            Assert.All(after.Zip(after.Skip(1)), p => Assert.Equal(p.First.StreamPosition + (ulong)p.First.StreamSamples, p.Second.StreamPosition));
        }
        Assert.InRange(run.Sink.Takes[0].LargestWrite, 1, 2 * PlayoutEngine.BlockSamples);
        var last = after[^1];
        var timeline = run.Sink.Takes[0].Timeline!.Value;
        var ideal = (run.Controller.At(timeline.DeviceUs + last.SinkIndex * 1e6 / 48_000) - run.Origin) * 48_000 / 1e6;
        Assert.InRange(last.StreamPosition - ideal, -2, 2);
    }
}
