namespace InfoRadio.Controller.Tests.Audio;

internal static class TestSignals
{
    /// <summary>Two unrelated tones, so a wrong lag or a wrong rate shows as a poor correlation.</summary>
    public static double TwoTones(double t) => 0.3 * Math.Sin(2 * Math.PI * 440 * t) + 0.2 * Math.Sin(2 * Math.PI * 1234 * t + 0.3);

    public static float[] Sample(Func<double, double> signal, int sampleRate, int count)
    {
        var samples = new float[count];
        for (var i = 0; i < count; i++) samples[i] = (float)signal(i / (double)sampleRate);
        return samples;
    }

    public static float[] Sine(double frequency, double amplitude, int sampleRate, int count) =>
        Sample(t => amplitude * Math.Sin(2 * Math.PI * frequency * t), sampleRate, count);

    /// <summary>Interleaves channels given as functions of (channel, time).</summary>
    public static float[] Interleave(int channels, int sampleRate, int frames, Func<int, double, double> signal)
    {
        var samples = new float[channels * frames];
        for (var i = 0; i < frames; i++)
            for (var c = 0; c < channels; c++)
                samples[i * channels + c] = (float)signal(c, i / (double)sampleRate);
        return samples;
    }

    public static float[] Noise(int seed, int count, double amplitude = 0.5)
    {
        var random = new Random(seed);
        var samples = new float[count];
        for (var i = 0; i < count; i++) samples[i] = (float)((random.NextDouble() * 2 - 1) * amplitude);
        return samples;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += v * (double)v;
        return x.IsEmpty ? 0 : Math.Sqrt(sum / x.Length);
    }
}
