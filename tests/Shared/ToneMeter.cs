namespace InfoRadio.Testing;

/// <summary>Says which of a few test tones dominates a block of 48 kHz samples (Goertzel), or that it is silent.</summary>
public static class ToneMeter
{
    public static int Dominant(ReadOnlySpan<float> block, params int[] frequencies)
    {
        var energy = 0.0;
        foreach (var s in block) energy += s * s;
        if (Math.Sqrt(energy / block.Length) < 0.01) return 0;
        var best = 0;
        var bestShare = 0.0;
        foreach (var f in frequencies)
        {
            var power = Power(block, f);
            // A pure tone holds about all the block's energy at its frequency (power ≈ energy · N / 2).
            var share = power / (energy * block.Length / 2);
            if (share > bestShare) (best, bestShare) = (f, share);
        }
        return bestShare > 0.5 ? best : -1;
    }

    private static double Power(ReadOnlySpan<float> x, double frequency)
    {
        var w = 2 * Math.PI * frequency / 48_000;
        var coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var v in x)
        {
            var s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
}
