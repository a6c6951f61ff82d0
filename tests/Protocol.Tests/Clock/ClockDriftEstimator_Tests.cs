using InfoRadio.Protocol.Clock;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Clock;

public class ClockDriftEstimator_Tests
{
    private const long T = SimulatedLink.BaseUs;

    /// <summary>Feeds one exchange every <paramref name="everyS"/> seconds from <paramref name="fromS"/> to <paramref name="toS"/>.</summary>
    private static void Run(ClockDriftEstimator estimator, SimulatedLink link, double fromS, double toS, double everyS)
    {
        for (var t = fromS * 1e6; t < toS * 1e6; t += everyS * 1e6) Assert.NotEqual(ClockAddResult.Jump, estimator.Add(link.Exchange(t)));
    }

    [Fact]
    public void Before_any_sample_there_is_no_model()
    {
        var estimator = new ClockDriftEstimator();
        Assert.False(estimator.IsSynchronized);
        Assert.Null(estimator.Model);
        Assert.Null(estimator.BestRoundTripUs);
        Assert.False(estimator.DriftConverged);
        Assert.Equal(0, estimator.DriftPpm);
        Assert.Equal(T, estimator.ToControllerUs(T));
    }

    [Fact]
    public void One_exchange_gives_the_NTP_offset_and_no_drift_yet()
    {
        var estimator = new ClockDriftEstimator();
        var sample = new ClockSample(T, T + 2_010_000, T + 2_010_100, T + 20_100);
        Assert.Equal(ClockAddResult.Accepted, estimator.Add(sample));
        var model = estimator.Model!.Value;
        Assert.Equal(sample.OffsetUs, model.OffsetUs, 2.0); // the request side, 20 ms old, is loosened by the prior drift (100 ppm)
        Assert.Equal(0, model.DriftPpm);
        Assert.Equal(100, estimator.DriftUncertaintyPpm);
        Assert.False(estimator.DriftConverged);
        Assert.Equal(20_000, estimator.BestRoundTripUs);
    }

    [Fact]
    public void A_clean_link_gives_offset_and_drift_almost_exactly()
    {
        var link = new SimulatedLink(seed: 1, deviceRatePpm: -73, deviceOffsetUs: 4_200_000, upBaseUs: 30_000, downBaseUs: 30_000, jitterMeanUs: 1);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 300, 2);

        Assert.True(estimator.DriftConverged);
        Assert.InRange(estimator.DriftPpm - link.TrueDriftPpm, -0.05, 0.05);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 300e6), -10, 10);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 360e6), -30, 30); // a minute on, carried by the drift
    }

    [Theory]
    [InlineData(1, 95.0, 15_000.0)]
    [InlineData(2, -88.0, 15_000.0)]
    [InlineData(3, 40.0, 8_000.0)]
    [InlineData(4, -5.0, 3_000.0)]
    public void On_a_jittery_link_it_converges_to_within_a_fraction_of_a_millisecond(int seed, double ratePpm, double jitterUs)
    {
        var link = new SimulatedLink(seed, ratePpm, deviceOffsetUs: -3_000_000, upBaseUs: 150_000, downBaseUs: 150_000, jitterMeanUs: jitterUs);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 600, 2);

        Assert.True(estimator.DriftConverged, $"uncertainty {estimator.DriftUncertaintyPpm} ppm");
        Assert.InRange(estimator.DriftPpm - link.TrueDriftPpm, -1, 1);
        Assert.InRange(Math.Abs(estimator.DriftPpm - link.TrueDriftPpm), 0, 4 * estimator.DriftUncertaintyPpm);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 600e6), -500, 500);
    }

    [Fact]
    public void The_envelopes_beat_the_lowest_round_trip_and_a_regression_of_the_offsets()
    {
        // Twenty links, jitter 5–15 ms each way, drift up to ±100 ppm, 10 minutes at one exchange per 2 s.
        double envelopeDrift = 0, regressionDrift = 0, envelopeOffset = 0, lowestRoundTripOffset = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var link = new SimulatedLink(seed, random.Next(-100, 101), random.Next(-5_000_000, 5_000_000), 100_000, 100_000, random.Next(5_000, 15_000));
            var estimator = new ClockDriftEstimator();
            var filter = new ClockOffsetEstimator(window: 8);
            var samples = new List<ClockSample>();
            for (var t = 0.0; t < 600e6; t += 2e6)
            {
                var sample = link.Exchange(t);
                estimator.Add(sample);
                filter.Add(sample);
                samples.Add(sample);
            }
            envelopeDrift += Math.Abs(estimator.DriftPpm - link.TrueDriftPpm);
            regressionDrift += Math.Abs(LowRoundTripRegressionPpm(samples) - link.TrueDriftPpm);
            envelopeOffset += Math.Abs(link.ErrorAt(estimator.Model!.Value, 600e6));
            lowestRoundTripOffset += Math.Abs(filter.ToControllerUs(link.Device(600e6)) - link.Controller(600e6));
        }
        Assert.True(envelopeDrift * 2 < regressionDrift, $"mean drift error: envelopes {envelopeDrift / 20:0.000} ppm, regression {regressionDrift / 20:0.000} ppm");
        Assert.True(envelopeOffset * 3 < lowestRoundTripOffset, $"mean offset error: envelopes {envelopeOffset / 20:0} µs, lowest round trip {lowestRoundTripOffset / 20:0} µs");
    }

    /// <summary>The textbook alternative: least squares of the NTP offsets of the lowest-round-trip quarter.</summary>
    private static double LowRoundTripRegressionPpm(List<ClockSample> samples)
    {
        var low = samples.OrderBy(s => s.RoundTripUs).Take(samples.Count / 4).ToList();
        var t0 = samples[0].DeviceMidpointUs;
        var o0 = samples[0].OffsetUs;
        double mx = low.Average(s => (double)(s.DeviceMidpointUs - t0)), my = low.Average(s => (double)(s.OffsetUs - o0));
        double sxy = low.Sum(s => (s.DeviceMidpointUs - t0 - mx) * (s.OffsetUs - o0 - my));
        double sxx = low.Sum(s => Math.Pow(s.DeviceMidpointUs - t0 - mx, 2));
        return sxy / sxx * 1e6;
    }

    [Fact]
    public void Each_direction_needs_only_its_own_fast_exchanges()
    {
        // No exchange is fast both ways: the odd ones are slow going out, the even ones slow coming back.
        var link = new SimulatedLink(seed: 9, deviceRatePpm: 0, deviceOffsetUs: 777_000, upBaseUs: 20_000, downBaseUs: 20_000, jitterMeanUs: 0.001);
        var estimator = new ClockDriftEstimator();
        var filter = new ClockOffsetEstimator();
        for (var i = 0; i < 8; i++)
        {
            var sample = i % 2 == 0 ? link.Exchange(i * 1e6, extraUpUs: 0, extraDownUs: 80_000) : link.Exchange(i * 1e6, extraUpUs: 80_000, extraDownUs: 0);
            estimator.Add(sample);
            filter.Add(sample);
        }
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 8e6), -50, 50);
        // Any single exchange is off by half its slow leg.
        Assert.InRange(Math.Abs(filter.ToControllerUs(link.Device(8e6)) - link.Controller(8e6)), 39_000, 41_000);
    }

    [Fact]
    public void An_asymmetric_path_biases_the_offset_by_half_the_difference_and_nothing_more()
    {
        var link = new SimulatedLink(seed: 5, deviceRatePpm: 30, deviceOffsetUs: 0, upBaseUs: 60_000, downBaseUs: 20_000, jitterMeanUs: 2_000);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 600, 2);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 600e6), 20_000 - 300, 20_000 + 300);
        Assert.InRange(estimator.DriftPpm - link.TrueDriftPpm, -0.5, 0.5); // the drift does not care
    }

    [Fact]
    public void A_controller_clock_step_is_detected_and_the_model_restarts_at_the_new_offset_keeping_the_drift()
    {
        var link = new SimulatedLink(seed: 11, deviceRatePpm: 60, deviceOffsetUs: 1_000_000, upBaseUs: 50_000, downBaseUs: 50_000, jitterMeanUs: 5_000);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 400, 2);
        var drift = estimator.DriftPpm;

        link.ControllerStepUs = 500_000; // NTP stepped the controller half a second on
        Assert.Equal(ClockAddResult.Jump, estimator.Add(link.Exchange(400e6)));
        Assert.Equal(1, estimator.Jumps);
        Assert.Equal(1, estimator.Count);
        Assert.Equal(drift, estimator.DriftPpm, 3);
        Run(estimator, link, 401, 405, 0.2);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 405e6), -15_000, 15_000);
        Assert.Equal(1, estimator.Jumps);
    }

    [Theory]
    [InlineData(-300_000.0)]
    [InlineData(8_000.0)]
    [InlineData(-8_000.0)]
    public void A_device_clock_step_is_detected_too(double stepUs)
    {
        var link = new SimulatedLink(seed: 12, deviceRatePpm: -20, deviceOffsetUs: 0, upBaseUs: 50_000, downBaseUs: 50_000, jitterMeanUs: 1_000);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 120, 1);
        link.DeviceOffsetUs += stepUs;
        Assert.Equal(ClockAddResult.Jump, estimator.Add(link.Exchange(120e6)));
    }

    [Fact]
    public void A_slow_or_lopsided_exchange_is_never_taken_for_a_step()
    {
        var link = new SimulatedLink(seed: 13, deviceRatePpm: 10, deviceOffsetUs: 0, upBaseUs: 30_000, downBaseUs: 30_000, jitterMeanUs: 1_000);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 60, 1);
        Assert.Equal(ClockAddResult.Accepted, estimator.Add(link.Exchange(60e6, extraUpUs: 5_000_000)));
        Assert.Equal(ClockAddResult.Accepted, estimator.Add(link.Exchange(61e6, extraDownUs: 5_000_000)));
        Assert.Equal(ClockAddResult.Accepted, estimator.Add(link.Exchange(62e6, extraUpUs: 3_000_000, extraDownUs: 3_000_000)));
        Assert.Equal(0, estimator.Jumps);
    }

    [Fact]
    public void Implausible_exchanges_are_refused_and_change_nothing()
    {
        var estimator = new ClockDriftEstimator();
        estimator.Add(new ClockSample(T, T + 10_000, T + 10_100, T + 20_100));
        var model = estimator.Model;
        Assert.Equal(ClockAddResult.Implausible, estimator.Add(new ClockSample(T, T + 10, T + 20, T - 1)));
        Assert.Equal(ClockAddResult.Implausible, estimator.Add(new ClockSample(T, T + 20, T + 10, T + 30)));
        Assert.Equal(1, estimator.Count);
        Assert.Equal(model, estimator.Model);
    }

    [Fact]
    public void The_window_forgets_samples_by_age_and_by_count()
    {
        var link = new SimulatedLink(seed: 14, deviceRatePpm: 0, deviceOffsetUs: 0, upBaseUs: 10_000, downBaseUs: 10_000, jitterMeanUs: 100);
        var byAge = new ClockDriftEstimator(new ClockDriftEstimatorOptions { Window = TimeSpan.FromSeconds(60) });
        Run(byAge, link, 0, 120, 1);
        Assert.InRange(byAge.Count, 59, 61);
        var byCount = new ClockDriftEstimator(new ClockDriftEstimatorOptions { MaxSamples = 16 });
        Run(byCount, link, 0, 120, 1);
        Assert.Equal(16, byCount.Count);
    }

    [Fact]
    public void Reset_forgets_the_samples_but_the_drift_stays_as_the_prior_unless_asked()
    {
        var link = new SimulatedLink(seed: 15, deviceRatePpm: -80, deviceOffsetUs: 0, upBaseUs: 10_000, downBaseUs: 10_000, jitterMeanUs: 500);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 300, 2);
        Assert.True(estimator.DriftConverged);
        var drift = estimator.DriftPpm;

        estimator.Reset();
        Assert.False(estimator.IsSynchronized);
        Assert.Null(estimator.Model);
        Assert.Equal(drift, estimator.DriftPpm);
        estimator.Add(link.Exchange(301e6));
        Assert.Equal(drift, estimator.DriftPpm, 3);
        Assert.True(estimator.DriftConverged, "one sample after a reset: the drift is still known");

        estimator.Reset(keepDrift: false);
        Assert.Equal(0, estimator.DriftPpm);
        Assert.Equal(100, estimator.DriftUncertaintyPpm);
    }

    [Fact]
    public void A_device_clock_never_set_still_synchronises()
    {
        var link = new SimulatedLink(seed: 16, deviceRatePpm: 50, deviceOffsetUs: -(T - 2_000_000), upBaseUs: 40_000, downBaseUs: 40_000, jitterMeanUs: 2_000);
        var estimator = new ClockDriftEstimator();
        Run(estimator, link, 0, 300, 2);
        Assert.InRange(link.Device(0), 0, 3_000_000);
        Assert.InRange(link.ErrorAt(estimator.Model!.Value, 300e6), -1_000, 1_000);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { Window = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { MaxSamples = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { PriorDriftUncertaintyPpm = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { MaxDriftPpm = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { ConvergedDriftPpm = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDriftEstimator(new ClockDriftEstimatorOptions { JumpTolerance = TimeSpan.Zero }));
    }
}
