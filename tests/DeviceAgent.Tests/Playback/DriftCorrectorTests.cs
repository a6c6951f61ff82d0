using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>The correction rule alone, block by block (480 sink samples, 10 ms); defaults 0.1 ms and 1 ms deadbands.</summary>
public sealed class DriftCorrectorTests
{
    private const int Block = PlayoutEngine.BlockSamples;
    private static readonly DriftEstimate Learning = new(DriftPpm: 80, UncertaintyPpm: 20, Converged: false);
    private static readonly DriftEstimate Known = new(DriftPpm: 100, UncertaintyPpm: 0.5, Converged: true);

    /// <summary>Steps taken over <paramref name="blocks"/> blocks at a constant error: +1 per stream sample more.</summary>
    private static List<int> Steps(DriftCorrector corrector, int blocks, Func<int, double> error, DriftEstimate estimate) =>
        Enumerable.Range(0, blocks).Select(i => corrector.StreamSamples(Block, error(i), estimate) - Block).ToList();

    [Fact]
    public void While_the_drift_is_learnt_no_rate_is_followed_and_errors_inside_a_millisecond_are_left_alone()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        Assert.All(Steps(corrector, 1_000, _ => -47.9, Learning), s => Assert.Equal(0, s));
        Assert.All(Steps(corrector, 1_000, _ => 47.9, Learning), s => Assert.Equal(0, s));
    }

    [Fact]
    public void An_error_past_the_deadband_is_closed_all_the_way_then_left_again()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        var error = -50.0; // behind by 50 samples: one stream sample more every other block until under one
        var steps = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var step = corrector.StreamSamples(Block, error, Learning) - Block;
            steps.Add(step);
            error += step;
        }
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 1 : 0), steps.Take(100));
        Assert.All(steps.Skip(100), s => Assert.Equal(0, s));
        Assert.False(corrector.Closing);
    }

    [Fact]
    public void A_converged_drift_is_followed_at_its_rate_one_sample_at_a_time_evenly()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        var steps = Steps(corrector, 1_000, _ => 0, Known); // 10 s at 100 ppm: 48 samples
        Assert.Equal(48, steps.Sum());
        Assert.All(steps, s => Assert.InRange(s, 0, 1));
        var at = steps.Select((s, i) => (s, i)).Where(p => p.s != 0).Select(p => p.i).ToList();
        Assert.All(at.Zip(at.Skip(1)), p => Assert.InRange(p.Second - p.First, 20, 22)); // every 208 ms
    }

    [Fact]
    public void A_converged_drift_that_does_not_stand_out_of_its_uncertainty_is_not_followed()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        Assert.All(Steps(corrector, 3_000, _ => 0, new DriftEstimate(1.4, 0.5, true)), s => Assert.Equal(0, s));
        Assert.Equal(0, DriftCorrector.Followed(new DriftEstimate(1.4, 0.5, true)));
        Assert.Equal(1.6, DriftCorrector.Followed(new DriftEstimate(1.6, 0.5, true)));
        Assert.Equal(0, DriftCorrector.Followed(new DriftEstimate(100, 5, false)));
    }

    [Fact]
    public void Once_converged_the_narrow_deadband_holds_even_if_the_uncertainty_grows_again()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        corrector.StreamSamples(Block, 0, Known);
        Assert.Equal(0, corrector.StreamSamples(Block, 4.7, Learning) - Block);
        Assert.Equal(-1, corrector.StreamSamples(Block, 4.9, Learning) - Block);
    }

    [Fact]
    public void Corrections_stay_a_block_apart_and_a_short_block_takes_none()
    {
        var corrector = new DriftCorrector(new PlayoutSettings());
        Assert.Equal(Block + 1, corrector.StreamSamples(Block, -60, Learning));
        Assert.Equal(100, corrector.StreamSamples(100, -59, Learning)); // too soon, and too short to spread over
        Assert.Equal(Block - 100, corrector.StreamSamples(Block - 100, -59, Learning)); // 100 since: still too soon
        Assert.Equal(Block + 1, corrector.StreamSamples(Block, -59, Learning)); // 480 since
    }
}
