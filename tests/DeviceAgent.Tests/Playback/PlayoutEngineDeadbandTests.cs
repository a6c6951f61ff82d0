using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>
/// A speaker moves samples for a drift that is real, not for noise in its clock estimate: it holds off following
/// the drift until the estimate has converged, and leaves small distances to a wandering model alone. Exchanges go
/// over a jittery link (2 ms a leg on average), so the model wanders as it does in the field.
/// </summary>
public sealed class PlayoutEngineDeadbandTests
{
    private const double JitterUs = 2_000;

    private static readonly PlayoutSettings FollowEverything = new() { Deadband = TimeSpan.Zero, UnconvergedDeadband = TimeSpan.Zero };

    /// <summary>How far (samples) the clock model moved about the truth over the blocks played.</summary>
    private static double ModelWander(DriftRun run) =>
        run.Blocks.Max(b => b.ModelErrorSamples) - run.Blocks.Min(b => b.ModelErrorSamples);

    [Fact]
    public void Started_cold_at_a_true_drift_of_zero_the_playout_moves_no_sample_while_the_estimate_converges()
    {
        var run = new DriftRun(driftPpm: 0, realTime: false, seconds: 20, jitterUs: JitterUs);
        run.Rig.Engine.SetSession(EngineRig.Session("cold", run.Epoch));
        run.Play(TimeSpan.FromSeconds(22));

        Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayFinished));
        Assert.False(run.Rig.Clock.DriftConverged, $"still learning: ± {run.Rig.Clock.DriftUncertaintyPpm:0.0} ppm");
        var snapshot = run.Rig.Engine.Snapshot();
        Assert.Equal(0, snapshot.SamplesInserted + snapshot.SamplesDropped);
        Assert.Equal(0, snapshot.Reanchors);
        // Sample for sample: the file holds the stream exactly, as the true drift is zero.
        Assert.Equal((long)run.End, Assert.Single(run.Sink.Takes).Samples);
        Assert.True(ModelWander(run) >= 3, $"the model wandered by {ModelWander(run):0.0} samples meanwhile");
    }

    [Fact]
    public void Following_the_model_to_the_sample_would_have_moved_samples_in_the_same_run()
    {
        // The control for the test above: same clocks, same link, same seed, no deadband.
        var run = new DriftRun(driftPpm: 0, realTime: false, seconds: 20, settings: FollowEverything, jitterUs: JitterUs);
        run.Rig.Engine.SetSession(EngineRig.Session("cold", run.Epoch));
        run.Play(TimeSpan.FromSeconds(22));

        var snapshot = run.Rig.Engine.Snapshot();
        Assert.True(snapshot.SamplesInserted + snapshot.SamplesDropped >= 3, $"{snapshot.SamplesInserted} inserted, {snapshot.SamplesDropped} dropped");
        Assert.True(ModelWander(run) >= 3, $"wander {ModelWander(run):0.0} samples");
    }

    /// <summary>Ten minutes on line at a true drift of zero, then two minutes of a session.</summary>
    private static DriftRun PlayConverged(double jitterUs, int seed, PlayoutSettings? settings = null)
    {
        var run = new DriftRun(driftPpm: 0, realTime: false, seconds: 120, settings, jitterUs, seed);
        run.Settle(TimeSpan.FromMinutes(10));
        Assert.True(run.Rig.Clock.DriftConverged, $"± {run.Rig.Clock.DriftUncertaintyPpm:0.00} ppm");
        run.Rig.Engine.SetSession(EngineRig.Session("warm", run.Epoch));
        run.Play(TimeSpan.FromSeconds(122));
        Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayFinished));
        return run;
    }

    [Theory]
    [InlineData(1_500, 1)]
    [InlineData(1_500, 5)]
    [InlineData(1_250, 5)]
    public void Once_converged_the_model_wandering_inside_the_deadband_moves_no_sample(double jitterUs, int seed)
    {
        var run = PlayConverged(jitterUs, seed);

        // The links of these seeds make the converged model wander by 2–4.5 samples, inside the 0.1 ms deadband.
        Assert.InRange(ModelWander(run), 2, 4.8);
        var snapshot = run.Rig.Engine.Snapshot();
        Assert.Equal(0, snapshot.SamplesInserted + snapshot.SamplesDropped);
        Assert.Equal((long)run.End, Assert.Single(run.Sink.Takes).Samples);
        Assert.InRange(run.WorstErrorSamples, 0, 4.8);

        var control = PlayConverged(jitterUs, seed, FollowEverything);
        var moved = control.Rig.Engine.Snapshot();
        Assert.True(moved.SamplesInserted + moved.SamplesDropped >= 1, "without the deadband the same run moves samples");
    }

    [Fact]
    public void Once_converged_a_model_that_moves_past_the_deadband_is_followed_to_within_a_sample()
    {
        // A rougher link (2 ms a leg, this seed): the converged model moves by 16 samples (0.33 ms) during the session.
        var run = PlayConverged(2_000, 4);

        Assert.True(ModelWander(run) > 10, $"wander {ModelWander(run):0.0}");
        var snapshot = run.Rig.Engine.Snapshot();
        Assert.InRange(snapshot.SamplesInserted + snapshot.SamplesDropped, 1, 40);
        // The playout stays within the deadband of the model but for the moments after the model jumped: it closes
        // in a sample per block.
        var outside = run.Blocks.Count(b => Math.Abs(b.ErrorSamples - b.ModelErrorSamples) > 5.8);
        Assert.InRange(outside, 1, run.Blocks.Count / 100);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(-100.0)]
    public void A_real_drift_is_held_within_the_wide_deadband_until_converged_then_followed_closely(double driftPpm)
    {
        var run = new DriftRun(driftPpm, realTime: true, seconds: 600, jitterUs: JitterUs);
        run.Rig.Engine.SetSession(EngineRig.Session("cold", run.Epoch));
        run.Play(TimeSpan.FromSeconds(602));

        Assert.Single(run.Rig.EventsOf(DeviceEventType.PlayFinished));
        var convergedAfter = Assert.IsType<TimeSpan>(run.ConvergedAfter);
        Assert.InRange(convergedAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(400));
        var before = run.Blocks.Where(b => !b.Converged).ToList();
        var after = run.Blocks.SkipWhile(b => !b.Converged).Skip(1_000).ToList(); // 10 s to close in
        // Before: the playout keeps within the 1 ms deadband (48 samples) of the model, but for the moments it
        // takes to close in on it after the young model moved by more (a sample per 20 ms).
        var apart = before.Select(b => Math.Abs(b.ErrorSamples - b.ModelErrorSamples)).Order().ToList();
        Assert.True(apart[(int)(apart.Count * 0.95)] <= 49 && apart[^1] <= 100, $"p50 {apart[apart.Count / 2]:0.0} p95 {apart[(int)(apart.Count * 0.95)]:0.0} max {apart[^1]:0.0}; model {before.Max(b => Math.Abs(b.ModelErrorSamples)):0.0}, converged after {convergedAfter}");
        // After: the drift is followed at its rate; the error is the model's and the 0.1 ms deadband's.
        Assert.InRange(after.Max(b => Math.Abs(b.ErrorSamples)), 0, 12);
        // 100 ppm of 600 s at 48 kHz is 2,880 samples, all one way, one at a time, a block apart at least.
        var snapshot = run.Rig.Engine.Snapshot();
        Assert.InRange(driftPpm > 0 ? snapshot.SamplesDropped : snapshot.SamplesInserted, 2_880 * 0.95, 2_880 * 1.05);
        Assert.InRange(driftPpm > 0 ? snapshot.SamplesInserted : snapshot.SamplesDropped, 0, 100); // closing in on a young model that moved back
        Assert.Equal(1, run.LargestStep);
        Assert.True(run.ClosestCorrections >= PlayoutEngine.BlockSamples);
        Assert.Equal(0, snapshot.Reanchors);
    }
}
