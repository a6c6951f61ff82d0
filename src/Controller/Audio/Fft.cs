using System.Runtime.CompilerServices;

namespace InfoRadio.Controller.Audio;

/// <summary>In-place iterative radix-2 complex FFT on split real/imaginary arrays.</summary>
internal static class Fft
{
    public static int NextPowerOfTwo(long n)
    {
        if (n > 1 << 30) throw new ArgumentOutOfRangeException(nameof(n), n, "too long for one FFT");
        var size = 1;
        while (size < n) size <<= 1;
        return size;
    }

    /// <summary>Forward transform, X[k] = Σ x[n]·e^(−2πikn/N). The length must be a power of two.</summary>
    // Optimised even in Debug builds, where tests and benchmarks often run it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(double[] re, double[] im)
    {
        var n = re.Length;
        if (n != im.Length || (n & (n - 1)) != 0) throw new ArgumentException("lengths must be equal powers of two");
        if (n < 2) return;

        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        var half = n / 2;
        var cos = new double[half];
        var sin = new double[half];
        for (var k = 0; k < half; k++)
        {
            var angle = -2 * Math.PI * k / n;
            cos[k] = Math.Cos(angle);
            sin[k] = Math.Sin(angle);
        }

        for (var size = 2; size <= n; size <<= 1)
        {
            var span = size / 2;
            var stride = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (var j = 0; j < span; j++)
                {
                    var wr = cos[j * stride];
                    var wi = sin[j * stride];
                    var a = start + j;
                    var b = a + span;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /// <summary>Inverse transform including the 1/N scale, through the forward one on conjugates.</summary>
    public static void Inverse(double[] re, double[] im)
    {
        for (var i = 0; i < im.Length; i++) im[i] = -im[i];
        Forward(re, im);
        var scale = 1.0 / re.Length;
        for (var i = 0; i < re.Length; i++)
        {
            re[i] *= scale;
            im[i] = -im[i] * scale;
        }
    }
}
