namespace InfoRadio.Controller.Audio;

/// <summary>Finds the delay between two recordings of the same signal and how alike they are. Pure.</summary>
public static class SignalCorrelation
{
    /// <summary>
    /// Searches lags in [−<paramref name="maxLagSamples"/>, +<paramref name="maxLagSamples"/>] for the largest
    /// cross-correlation of the mean-removed signals (computed for every lag at once with an FFT, O(N log N)), then
    /// reports Pearson's r over the overlap at that lag. See <see cref="AlignmentResult"/> for the sign of the lag.
    /// </summary>
    public static AlignmentResult BestAlignment(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int maxLagSamples)
    {
        if (reference.IsEmpty) throw new ArgumentException("the reference is empty", nameof(reference));
        if (candidate.IsEmpty) throw new ArgumentException("the candidate is empty", nameof(candidate));
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagSamples);

        // Lags outside these bounds leave no overlap at all.
        var minLag = Math.Max(-maxLagSamples, -(reference.Length - 1));
        var maxLag = Math.Min(maxLagSamples, candidate.Length - 1);
        var correlations = CrossCorrelate(reference, candidate, minLag, maxLag);

        var best = minLag;
        for (var lag = minLag + 1; lag <= maxLag; lag++)
            if (correlations[lag - minLag] > correlations[best - minLag]) best = lag;
        return new AlignmentResult(best, CorrelationAtLag(reference, candidate, best), Overlap(reference, candidate, best).Length);
    }

    /// <summary>Pearson's r of <c>reference[n]</c> and <c>candidate[n + lag]</c> over their overlap; 0 when either is constant there.</summary>
    public static double CorrelationAtLag(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int lag)
    {
        var (start, length) = Overlap(reference, candidate, lag);
        return length == 0 ? 0 : Pearson(reference.Slice(start, length), candidate.Slice(start + lag, length));
    }

    /// <summary>Pearson's r of two equally long signals; 0 when either is constant.</summary>
    public static double Pearson(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("the signals differ in length");
        if (a.IsEmpty) return 0;
        double meanA = Mean(a), meanB = Mean(b);
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i] - meanA;
            var y = b[i] - meanB;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa <= 0 || bb <= 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Σ r[n]·c[n + lag] of the mean-removed signals for every lag in [minLag, maxLag], index lag − minLag.</summary>
    private static double[] CrossCorrelate(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int minLag, int maxLag)
    {
        // Zero padding to max(R, C) + |lag| keeps the circular correlation from wrapping into the lags we read.
        var reach = Math.Max(-minLag, maxLag);
        var n = Fft.NextPowerOfTwo((long)Math.Max(reference.Length, candidate.Length) + reach + 1);
        var re = new double[n];
        var im = new double[n];
        double meanR = Mean(reference), meanC = Mean(candidate);
        for (var i = 0; i < reference.Length; i++) re[i] = reference[i] - meanR;
        for (var i = 0; i < candidate.Length; i++) im[i] = candidate[i] - meanC;

        // Both real signals ride in one complex FFT: R[k] = (A[k] + conj A[−k]) / 2, C[k] = (A[k] − conj A[−k]) / 2i.
        Fft.Forward(re, im);
        var zr = new double[n];
        var zi = new double[n];
        for (var k = 0; k < n; k++)
        {
            var m = (n - k) & (n - 1);
            double ar = re[k], ai = im[k], br = re[m], bi = -im[m];
            double rr = (ar + br) / 2, ri = (ai + bi) / 2;
            double cr = (ai - bi) / 2, ci = -(ar - br) / 2;
            // conj(R)·C is the spectrum of the correlation Σ r[n]·c[n + k].
            zr[k] = rr * cr + ri * ci;
            zi[k] = rr * ci - ri * cr;
        }
        Fft.Inverse(zr, zi);

        var result = new double[maxLag - minLag + 1];
        for (var lag = minLag; lag <= maxLag; lag++) result[lag - minLag] = zr[lag >= 0 ? lag : n + lag];
        return result;
    }

    private static (int Start, int Length) Overlap(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int lag)
    {
        var start = Math.Max(0, -lag);
        var end = Math.Min(reference.Length, candidate.Length - lag);
        return end > start ? (start, end - start) : (0, 0);
    }

    private static double Mean(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += v;
        return x.IsEmpty ? 0 : sum / x.Length;
    }
}
