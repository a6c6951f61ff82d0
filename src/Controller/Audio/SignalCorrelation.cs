using System.Runtime.CompilerServices;

namespace InfoRadio.Controller.Audio;

/// <summary>Finds the delay between two recordings of the same signal and how alike they are. Pure.</summary>
public static class SignalCorrelation
{
    /// <summary>Up to this many multiply-adds, every lag is computed directly.</summary>
    private const long DirectCostLimit = 4_000_000;

    /// <summary>Largest FFT of the coarse search; longer signals are decimated to fit.</summary>
    private const int MaxFftSize = 1 << 17;

    /// <summary>
    /// Coarse peaks refined at full rate: besides the best, up to two more that come close to it, in case the
    /// block averaging ranked two similar echoes wrongly.
    /// </summary>
    private const int RefinedPeaks = 3;
    private const double ClosePeakRatio = 0.8;

    /// <summary>
    /// Searches lags in [−<paramref name="maxLagSamples"/>, +<paramref name="maxLagSamples"/>] for the largest
    /// cross-correlation of the mean-removed signals, then reports Pearson's r over the overlap at that lag. See
    /// <see cref="AlignmentResult"/> for the sign of the lag. Short searches try every lag directly; long ones run
    /// an FFT cross-correlation of block-averaged signals and refine its best peaks at full rate, so 10 s against
    /// ±2 s at 48 kHz costs a few tens of milliseconds. The decimation factor is about (longer length + lag) / 2^17,
    /// so a long search with a very short signal (a few hundred samples after decimation) may rank peaks poorly:
    /// align recordings of comparable length.
    /// </summary>
    public static AlignmentResult BestAlignment(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int maxLagSamples)
    {
        if (reference.IsEmpty) throw new ArgumentException("the reference is empty", nameof(reference));
        if (candidate.IsEmpty) throw new ArgumentException("the candidate is empty", nameof(candidate));
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagSamples);

        // Lags outside these bounds leave no overlap at all.
        var minLag = Math.Max(-maxLagSamples, -(reference.Length - 1));
        var maxLag = Math.Min(maxLagSamples, candidate.Length - 1);
        double meanR = Mean(reference), meanC = Mean(candidate);

        int best;
        if ((long)Math.Min(reference.Length, candidate.Length) * (maxLag - minLag + 1) <= DirectCostLimit)
        {
            best = BestDirect(reference, candidate, meanR, meanC, minLag, maxLag);
        }
        else
        {
            var reach = Math.Max(-minLag, maxLag);
            var factor = (int)Math.Ceiling((Math.Max(reference.Length, candidate.Length) + (double)reach + 2) / MaxFftSize);
            best = factor <= 1
                ? ArgMax(CrossCorrelate(reference, candidate, minLag, maxLag)) + minLag
                : BestCoarseToFine(reference, candidate, meanR, meanC, minLag, maxLag, factor);
        }
        return new AlignmentResult(best, CorrelationAtLag(reference, candidate, best), Overlap(reference, candidate, best).Length);
    }

    private static int BestCoarseToFine(
        ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, double meanR, double meanC, int minLag, int maxLag, int factor)
    {
        var coarseReference = BlockAverage(reference, factor);
        var coarseCandidate = BlockAverage(candidate, factor);
        // A lag L = qD + s (0 ≤ s < D) peaks at coarse lag q or q + 1; a margin of one keeps the true peak in range.
        var coarseMin = Math.Max(minLag / factor - 1, -(coarseReference.Length - 1));
        var coarseMax = Math.Min(maxLag / factor + 1, coarseCandidate.Length - 1);
        var coarse = CrossCorrelate(coarseReference, coarseCandidate, coarseMin, coarseMax);

        var best = minLag;
        var bestValue = double.NegativeInfinity;
        var peaks = TopPeaks(coarse, RefinedPeaks);
        foreach (var peak in peaks.Where(p => p == peaks[0] || coarse[p] >= ClosePeakRatio * coarse[peaks[0]]))
        {
            var centre = (peak + coarseMin) * factor;
            var from = Math.Max(minLag, centre - factor - 1);
            var to = Math.Min(maxLag, centre + factor + 1);
            for (var lag = from; lag <= to; lag++)
            {
                var value = Dot(reference, candidate, meanR, meanC, lag);
                if (value > bestValue) (best, bestValue) = (lag, value);
            }
        }
        return best;
    }

    /// <summary>Pearson's r of <c>reference[n]</c> and <c>candidate[n + lag]</c> over their overlap; 0 when either is constant there.</summary>
    public static double CorrelationAtLag(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int lag)
    {
        var (start, length) = Overlap(reference, candidate, lag);
        return length == 0 ? 0 : Pearson(reference.Slice(start, length), candidate.Slice(start + lag, length));
    }

    /// <summary>Pearson's r of two equally long signals; 0 when either is constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    internal static double[] CrossCorrelate(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int minLag, int maxLag)
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

    private static int BestDirect(
        ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, double meanR, double meanC, int minLag, int maxLag)
    {
        var best = minLag;
        var bestValue = double.NegativeInfinity;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            var value = Dot(reference, candidate, meanR, meanC, lag);
            if (value > bestValue) (best, bestValue) = (lag, value);
        }
        return best;
    }

    /// <summary>Σ (r[n] − r̄)(c[n + lag] − c̄) over the overlap.</summary>
    // Hot loops are optimised even in Debug builds, where tests and benchmarks often run them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, double meanR, double meanC, int lag)
    {
        var (start, length) = Overlap(reference, candidate, lag);
        var r = reference.Slice(start, length);
        var c = candidate.Slice(start + lag, length);
        double sumRc = 0, sumR = 0, sumC = 0;
        for (var i = 0; i < r.Length; i++)
        {
            sumRc += r[i] * (double)c[i];
            sumR += r[i];
            sumC += c[i];
        }
        // Expanded form of the mean-removed product: one pass, no per-sample subtraction.
        return sumRc - meanC * sumR - meanR * sumC + length * meanR * meanC;
    }

    private static float[] BlockAverage(ReadOnlySpan<float> signal, int factor)
    {
        var result = new float[(signal.Length + factor - 1) / factor];
        for (var i = 0; i < result.Length; i++)
        {
            var block = signal.Slice(i * factor, Math.Min(factor, signal.Length - i * factor));
            var sum = 0f;
            foreach (var x in block) sum += x;
            result[i] = sum / factor;
        }
        return result;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Indices of the highest local maxima, best first.</summary>
    private static List<int> TopPeaks(double[] values, int count)
    {
        var peaks = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            var left = i == 0 ? double.NegativeInfinity : values[i - 1];
            var right = i == values.Length - 1 ? double.NegativeInfinity : values[i + 1];
            if (values[i] >= left && values[i] >= right) peaks.Add(i);
        }
        return peaks.OrderByDescending(i => values[i]).Take(count).ToList();
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
