namespace InfoRadio.Controller.Audio;

/// <summary>
/// A deterministic stand-in for recorded speech at 48 kHz: syllables of a pitched harmonic source with gliding
/// (tone-like) pitch, shaped by three formant resonators that glide between vowels, some preceded by a noise
/// burst like a consonant, grouped into words and phrases separated by pauses. The same seed always gives the
/// same samples. Peaks are normalised to 0.7.
/// </summary>
public static class SpeechLikeSignal
{
    public const int SampleRate = 48_000;

    // (F1, F2, F3) in Hz of a few vowels.
    private static readonly (double F1, double F2, double F3)[] Vowels =
    [
        (730, 1090, 2440), (270, 2290, 3010), (300, 870, 2240), (530, 1840, 2480), (570, 840, 2410), (440, 1020, 2240),
    ];

    private static readonly double[] Bandwidths = [80, 110, 160];

    public static float[] Generate(int seed, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return Generate(seed, checked((int)Math.Round(duration.TotalSeconds * SampleRate)));
    }

    public static float[] Generate(int seed, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        var output = new float[sampleCount];
        var random = new SplitMix(seed);
        var speakerPitch = random.Range(95, 230);
        var position = 0;
        while (position < sampleCount)
        {
            var words = (int)random.Range(3, 8);
            for (var w = 0; w < words && position < sampleCount; w++)
            {
                var syllables = (int)random.Range(1, 4);
                for (var s = 0; s < syllables && position < sampleCount; s++)
                    position = Syllable(output, position, speakerPitch, random);
                position += Ms(random.Range(40, 130));
            }
            position += Ms(random.Range(250, 550));
        }

        var peak = 0f;
        foreach (var x in output) peak = Math.Max(peak, Math.Abs(x));
        if (peak > 0)
            for (var i = 0; i < output.Length; i++) output[i] *= 0.7f / peak;
        return output;
    }

    /// <summary>Writes one syllable from <paramref name="start"/>; returns where it ends.</summary>
    private static int Syllable(float[] output, int start, double speakerPitch, SplitMix random)
    {
        var position = start;
        if (random.Next() < 0.6) position = Burst(output, position, Ms(random.Range(20, 70)), random);

        var length = Ms(random.Range(110, 260));
        var f0Start = speakerPitch * random.Range(0.85, 1.15);
        var f0End = f0Start * random.Range(0.75, 1.3);
        var from = Vowels[(int)random.Range(0, Vowels.Length)];
        var to = Vowels[(int)random.Range(0, Vowels.Length)];
        var loudness = random.Range(0.5, 1.0);

        Span<Resonator> formants = [new(), new(), new()];
        var end = Math.Min(output.Length, position + length);
        var voiced = new double[Math.Max(0, end - position)];
        var phase = 0.0;
        var peak = 0.0;
        for (var i = 0; i < voiced.Length; i++)
        {
            var t = i / (double)length;
            var f0 = f0Start + (f0End - f0Start) * t;
            if (i % 32 == 0)
            {
                var glide = t * t * (3 - 2 * t);
                formants[0].Tune(Lerp(from.F1, to.F1, glide), Bandwidths[0]);
                formants[1].Tune(Lerp(from.F2, to.F2, glide), Bandwidths[1]);
                formants[2].Tune(Lerp(from.F3, to.F3, glide), Bandwidths[2]);
            }
            phase += f0 / SampleRate;
            phase -= Math.Floor(phase);
            var x = HarmonicSource(phase, f0);
            foreach (ref var formant in formants) x = formant.Process(x);
            voiced[i] = x * Envelope(i, length);
            peak = Math.Max(peak, Math.Abs(voiced[i]));
        }
        // Each syllable gets its own level, whatever gain the formants happened to have.
        var scale = peak > 0 ? loudness / peak : 0;
        for (var i = 0; i < voiced.Length; i++) output[position + i] += (float)(voiced[i] * scale);
        return position + length;
    }

    /// <summary>Σ sin(hθ)/h up to 5 kHz, a band-limited sawtooth-like glottal source; sines by recurrence.</summary>
    private static double HarmonicSource(double phase, double f0)
    {
        var harmonics = (int)(5_000 / f0);
        var theta = 2 * Math.PI * phase;
        var twoCos = 2 * Math.Cos(theta);
        double previous = 0, current = Math.Sin(theta), sum = 0;
        for (var h = 1; h <= harmonics; h++)
        {
            sum += current / h;
            (previous, current) = (current, twoCos * current - previous);
        }
        return sum;
    }

    /// <summary>High-passed noise, the rough shape of a fricative or plosive release.</summary>
    private static int Burst(float[] output, int start, int length, SplitMix random)
    {
        var end = Math.Min(output.Length, start + length);
        var previous = 0.0;
        var level = random.Range(0.05, 0.2);
        for (var i = start; i < end; i++)
        {
            var noise = random.Next() * 2 - 1;
            output[i] += (float)((noise - previous) * level * Envelope(i - start, length));
            previous = noise;
        }
        return start + length;
    }

    /// <summary>15 ms raised-cosine attack, 40 ms release.</summary>
    private static double Envelope(int index, int length)
    {
        var attack = Math.Min(Ms(15), length / 2);
        var release = Math.Min(Ms(40), length / 2);
        if (index < attack) return 0.5 - 0.5 * Math.Cos(Math.PI * index / attack);
        var fromEnd = length - index;
        return fromEnd < release ? 0.5 - 0.5 * Math.Cos(Math.PI * fromEnd / release) : 1;
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;

    private static int Ms(double milliseconds) => (int)(milliseconds * SampleRate / 1000);

    /// <summary>Two-pole resonator with unit gain at 0 Hz, as in a cascade formant synthesiser: in a chain, each
    /// formant lifts its own region and the slopes above it shape the spectrum's fall like a voice's.</summary>
    private struct Resonator
    {
        private double _a1, _a2, _gain, _y1, _y2;

        public void Tune(double frequency, double bandwidth)
        {
            var r = Math.Exp(-Math.PI * bandwidth / SampleRate);
            var w = 2 * Math.PI * frequency / SampleRate;
            _a1 = -2 * r * Math.Cos(w);
            _a2 = r * r;
            _gain = 1 + _a1 + _a2;
        }

        public double Process(double x)
        {
            var y = _gain * x - _a1 * _y1 - _a2 * _y2;
            _y2 = _y1;
            _y1 = y;
            return y;
        }
    }

    /// <summary>SplitMix64: a tiny generator whose sequence is fixed by this code, not by the runtime's Random.</summary>
    private sealed class SplitMix(int seed)
    {
        private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

        /// <summary>Uniform in [0, 1).</summary>
        public double Next()
        {
            unchecked
            {
                var z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (z >> 11) * (1.0 / (1UL << 53));
            }
        }

        public double Range(double min, double max) => min + (max - min) * Next();
    }
}
