using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class SpeechLikeSignal_Tests
{
    [Fact]
    public void The_same_seed_gives_the_same_samples_and_another_seed_does_not()
    {
        var a = SpeechLikeSignal.Generate(1, TimeSpan.FromSeconds(2));
        Assert.Equal(a, SpeechLikeSignal.Generate(1, TimeSpan.FromSeconds(2)));
        var b = SpeechLikeSignal.Generate(2, TimeSpan.FromSeconds(2));
        Assert.NotEqual(a, b);
        Assert.InRange(SignalCorrelation.BestAlignment(a, b, 4_800).Correlation, -0.3, 0.3);
    }

    [Fact]
    public void It_has_the_requested_length_and_a_normalised_peak()
    {
        var signal = SpeechLikeSignal.Generate(3, TimeSpan.FromSeconds(1.5));
        Assert.Equal(72_000, signal.Length);
        Assert.Equal(0.7f, signal.Max(Math.Abs), 4);
    }

    [Fact]
    public void It_alternates_sound_and_pauses_like_speech()
    {
        var signal = SpeechLikeSignal.Generate(4, TimeSpan.FromSeconds(10));

        // 20 ms windows: speech has both loud syllables and near-silent gaps, in proportions around 60/40.
        var windows = Enumerable.Range(0, signal.Length / 960).Select(i => TestSignals.Rms(signal.AsSpan(i * 960, 960))).ToArray();
        var silent = windows.Count(r => r < 0.005) / (double)windows.Length;
        var loud = windows.Count(r => r > 0.05) / (double)windows.Length;
        Assert.InRange(silent, 0.15, 0.6);
        Assert.InRange(loud, 0.3, 0.85);
    }

    [Fact]
    public void Its_energy_sits_in_the_voice_band()
    {
        var signal = SpeechLikeSignal.Generate(5, TimeSpan.FromSeconds(4));

        // Split the band with a crude one-pole low-pass at ~4 kHz: most of the energy must lie below it.
        double low = 0, total = 0, state = 0;
        var alpha = 1 - Math.Exp(-2 * Math.PI * 4_000 / 48_000);
        foreach (var x in signal)
        {
            state += alpha * (x - state);
            low += state * state;
            total += x * (double)x;
        }
        Assert.True(low / total > 0.8, $"{low / total:P0} of the energy below ~4 kHz");
    }

    [Fact]
    public void Its_pitch_lies_in_the_range_of_a_human_voice()
    {
        var signal = SpeechLikeSignal.Generate(6, TimeSpan.FromSeconds(5));
        // The autocorrelation of voiced stretches peaks at the pitch period: 2.5–14 ms (70–400 Hz).
        var loudest = Enumerable.Range(0, signal.Length / 4_800 - 1).MaxBy(i => TestSignals.Rms(signal.AsSpan(i * 4_800, 4_800)));
        var window = signal[(loudest * 4_800)..((loudest + 1) * 4_800)];
        var bestLag = Enumerable.Range(120, 560).MaxBy(lag => SignalCorrelation.CorrelationAtLag(window, window, lag));
        Assert.InRange(48_000.0 / bestLag, 70, 400);
    }
}
