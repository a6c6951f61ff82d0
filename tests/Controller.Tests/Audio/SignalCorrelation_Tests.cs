using System.Diagnostics;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class SignalCorrelation_Tests
{
    [Theory]
    [InlineData(1234)]
    [InlineData(-777)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_known_lag_is_found_exactly(int lag)
    {
        var reference = TestSignals.Noise(1, 48_000);
        var candidate = Shift(reference, lag);

        var result = SignalCorrelation.BestAlignment(reference, candidate, 2_000);

        Assert.Equal(lag, result.Lag);
        Assert.True(result.Correlation > 0.999_999, $"r = {result.Correlation}");
        Assert.Equal(48_000 - Math.Abs(lag), result.OverlapSamples);
    }

    [Fact]
    public void Identical_signals_correlate_at_one_with_no_lag()
    {
        var signal = SpeechLikeSignal.Generate(5, 48_000);
        var result = SignalCorrelation.BestAlignment(signal, signal, 4_800);
        Assert.Equal(0, result.Lag);
        Assert.Equal(1.0, result.Correlation, 9);
    }

    [Fact]
    public void Gain_and_offset_do_not_change_the_correlation()
    {
        var signal = SpeechLikeSignal.Generate(6, 24_000);
        var scaled = signal.Select(x => 0.25f * x + 0.1f).ToArray();
        Assert.Equal(1.0, SignalCorrelation.BestAlignment(signal, scaled, 100).Correlation, 5);
    }

    [Fact]
    public void Independent_noise_correlates_near_zero()
    {
        var result = SignalCorrelation.BestAlignment(TestSignals.Noise(1, 48_000), TestSignals.Noise(2, 48_000), 2_000);
        Assert.InRange(result.Correlation, -0.03, 0.03);
    }

    [Fact]
    public void A_noisy_delayed_copy_is_found_with_a_correlation_that_reflects_the_noise()
    {
        var reference = SpeechLikeSignal.Generate(9, 96_000);
        var noise = TestSignals.Noise(10, 96_000, amplitude: 0.1);
        var candidate = Shift(reference, 500).Select((x, i) => x + noise[i]).ToArray();

        var result = SignalCorrelation.BestAlignment(reference, candidate, 1_000);

        Assert.Equal(500, result.Lag);
        // With independent noise, r = σs / √(σs² + σn²) over the overlap.
        double signalPower = Math.Pow(TestSignals.Rms(reference.AsSpan(0, 95_500)), 2), noisePower = 0.1 * 0.1 / 3;
        Assert.Equal(Math.Sqrt(signalPower / (signalPower + noisePower)), result.Correlation, 0.02);
    }

    [Fact]
    public void Signals_of_different_lengths_are_aligned()
    {
        var reference = TestSignals.Noise(3, 10_000);
        // The candidate is a longer recording that starts 300 samples before the reference's content.
        var candidate = new float[12_000];
        reference.CopyTo(candidate, 300);

        var result = SignalCorrelation.BestAlignment(reference, candidate, 1_000);

        Assert.Equal(300, result.Lag);
        Assert.Equal(1.0, result.Correlation, 6);
        Assert.Equal(10_000, result.OverlapSamples);
    }

    [Fact]
    public void The_fft_search_agrees_with_a_brute_force_search()
    {
        var random = new Random(4);
        for (var trial = 0; trial < 20; trial++)
        {
            var reference = TestSignals.Noise(random.Next(), random.Next(1, 300));
            var candidate = TestSignals.Noise(random.Next(), random.Next(1, 300));
            var maxLag = random.Next(0, 350);

            var result = SignalCorrelation.BestAlignment(reference, candidate, maxLag);

            var (bestLag, best) = (0, double.NegativeInfinity);
            double meanR = reference.Average(x => (double)x), meanC = candidate.Average(x => (double)x);
            for (var lag = Math.Max(-maxLag, -(reference.Length - 1)); lag <= Math.Min(maxLag, candidate.Length - 1); lag++)
            {
                double sum = 0;
                for (var n = 0; n < reference.Length; n++)
                    if (n + lag >= 0 && n + lag < candidate.Length) sum += (reference[n] - meanR) * (candidate[n + lag] - meanC);
                if (sum > best + 1e-9) (bestLag, best) = (lag, sum);
            }
            Assert.Equal(bestLag, result.Lag);
            Assert.Equal(SignalCorrelation.CorrelationAtLag(reference, candidate, bestLag), result.Correlation, 12);
        }
    }

    [Fact]
    public void The_fft_cross_correlation_equals_the_direct_sums_at_every_lag()
    {
        var random = new Random(8);
        for (var trial = 0; trial < 10; trial++)
        {
            var reference = TestSignals.Noise(random.Next(), random.Next(1, 400));
            var candidate = TestSignals.Noise(random.Next(), random.Next(1, 400));
            var minLag = -random.Next(0, reference.Length);
            var maxLag = random.Next(0, candidate.Length);

            var fast = SignalCorrelation.CrossCorrelate(reference, candidate, minLag, maxLag);

            double meanR = reference.Average(x => (double)x), meanC = candidate.Average(x => (double)x);
            for (var lag = minLag; lag <= maxLag; lag++)
            {
                double sum = 0;
                for (var n = 0; n < reference.Length; n++)
                    if (n + lag >= 0 && n + lag < candidate.Length) sum += (reference[n] - meanR) * (candidate[n + lag] - meanC);
                Assert.Equal(sum, fast[lag - minLag], 9);
            }
        }
    }

    [Theory]
    [InlineData(-95_999)]
    [InlineData(-12_345)]
    [InlineData(7)]
    [InlineData(61_001)]
    public void Long_searches_find_the_exact_lag_of_a_noisy_echo(int lag)
    {
        // Long enough to go through the decimated coarse search and the full-rate refinement.
        var reference = SpeechLikeSignal.Generate(12, 480_000);
        var noise = TestSignals.Noise(13, 480_000, amplitude: 0.05);
        var candidate = Shift(reference, lag).Select((x, i) => 0.5f * x + noise[i]).ToArray();

        var result = SignalCorrelation.BestAlignment(reference, candidate, 96_000);

        Assert.Equal(lag, result.Lag);
        // The noise is about as strong as the attenuated speech.
        Assert.True(result.Correlation > 0.4, $"r = {result.Correlation}");
    }

    [Fact]
    public void Ten_seconds_against_two_seconds_of_lag_takes_well_under_a_second()
    {
        var reference = SpeechLikeSignal.Generate(11, 480_000);
        var candidate = Shift(reference, 37_000);
        SignalCorrelation.BestAlignment(reference.AsSpan(0, 4_800), candidate.AsSpan(0, 4_800), 100); // JIT warm-up

        var stopwatch = Stopwatch.StartNew();
        var result = SignalCorrelation.BestAlignment(reference, candidate, 96_000);
        stopwatch.Stop();

        Assert.Equal(37_000, result.Lag);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void A_constant_signal_has_no_correlation()
    {
        var flat = new float[1_000];
        Assert.Equal(0, SignalCorrelation.BestAlignment(flat, TestSignals.Noise(1, 1_000), 10).Correlation);
    }

    [Fact]
    public void Empty_signals_and_negative_lags_are_programming_errors()
    {
        Assert.Throws<ArgumentException>(() => SignalCorrelation.BestAlignment([], [1f], 1));
        Assert.Throws<ArgumentException>(() => SignalCorrelation.BestAlignment([1f], [], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalCorrelation.BestAlignment([1f], [1f], -1));
    }

    /// <summary>candidate[n + lag] = signal[n], zeros where the signal has nothing to give.</summary>
    private static float[] Shift(float[] signal, int lag)
    {
        var shifted = new float[signal.Length];
        for (var n = 0; n < signal.Length; n++)
            if (n + lag >= 0 && n + lag < signal.Length) shifted[n + lag] = signal[n];
        return shifted;
    }
}
