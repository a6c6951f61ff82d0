namespace InfoRadio.Controller.Audio;

/// <summary>
/// A speaker's recording follows its clock estimate sample by sample, so against the source its lag wanders by a
/// fraction of a millisecond: one lag for the whole file understates how well it plays. This aligns each second of
/// the reference on its own, within 10 ms of the whole file's lag, skipping the quietest seconds.
/// </summary>
public static class SecondByAlignment
{
    private const int Window = DecodedAudio.SampleRate;
    private const int Reach = DecodedAudio.SampleRate / 100;

    /// <summary>The lowest per-second correlation, and the range of the per-second lags, around <paramref name="lag"/>.</summary>
    public static (double MinCorrelation, int LagMin, int LagMax) Measure(float[] reference, float[] played, int lag)
    {
        var loudness = Rms(reference);
        double min = 1;
        int lagMin = lag, lagMax = lag;
        for (var start = Reach; start + Window + Reach <= reference.Length; start += Window)
        {
            var from = start + lag;
            if (from - Reach < 0 || from + Window + Reach > played.Length) continue;
            var part = reference.AsSpan(start, Window);
            if (Rms(part) < 0.3 * loudness) continue;
            var local = SignalCorrelation.BestAlignment(part, played.AsSpan(from - Reach, Window + 2 * Reach), 2 * Reach);
            min = Math.Min(min, local.Correlation);
            lagMin = Math.Min(lagMin, lag + local.Lag - Reach);
            lagMax = Math.Max(lagMax, lag + local.Lag - Reach);
        }
        return (min, lagMin, lagMax);
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += s * s;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }
}
