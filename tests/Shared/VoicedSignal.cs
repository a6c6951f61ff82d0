namespace InfoRadio.Testing;

/// <summary>
/// A deterministic voice-like test signal at 48 kHz: a harmonic series on a gliding pitch, shaped by syllables of
/// about 4 Hz with short pauses, so the Opus encoder in VOIP mode treats it as speech.
/// </summary>
internal static class VoicedSignal
{
    public static float[] Generate(int samples, int seed = 1)
    {
        var random = new Random(seed);
        var output = new float[samples];
        double phase = 0;
        var syllableLength = 9_600;
        var pitch = 140.0;
        for (var i = 0; i < samples; i++)
        {
            var inSyllable = i % syllableLength;
            if (inSyllable == 0)
            {
                syllableLength = random.Next(7_200, 14_400);
                pitch = 110 + random.NextDouble() * 110;
            }
            var progress = (double)inSyllable / syllableLength;
            var envelope = progress < 0.8 ? Math.Sin(Math.PI * progress / 0.8) : 0; // the last fifth is a pause
            var f0 = pitch * (1 + 0.15 * Math.Sin(2 * Math.PI * progress));
            phase += 2 * Math.PI * f0 / 48_000;
            double value = 0;
            for (var h = 1; h <= 12; h++) value += Math.Sin(h * phase) / h * (h is 3 or 4 or 8 ? 1.8 : 1.0);
            output[i] = (float)(0.25 * envelope * value);
        }
        return output;
    }

    /// <summary>The signal as 16-bit PCM.</summary>
    public static short[] ToPcm16(ReadOnlySpan<float> samples)
    {
        var pcm = new short[samples.Length];
        for (var i = 0; i < pcm.Length; i++) pcm[i] = (short)Math.Clamp(Math.Round(samples[i] * short.MaxValue), short.MinValue, short.MaxValue);
        return pcm;
    }

    public static double Correlation(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        var fa = new float[a.Length];
        var fb = new float[b.Length];
        for (var i = 0; i < a.Length; i++) fa[i] = a[i];
        for (var i = 0; i < b.Length; i++) fb[i] = b[i];
        return Correlation(fa, fb);
    }

    /// <summary>Pearson correlation of two equally long signals.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("signals differ in length");
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sa += a[i]; sb += b[i]; saa += a[i] * (double)a[i]; sbb += b[i] * (double)b[i]; sab += a[i] * (double)b[i];
        }
        var n = a.Length;
        var cov = sab - sa * sb / n;
        var va = saa - sa * sa / n;
        var vb = sbb - sb * sb / n;
        return va <= 0 || vb <= 0 ? 0 : cov / Math.Sqrt(va * vb);
    }
}
