using InfoRadio.Controller.Audio;
using NAudio.Wave;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

public static class TestAudio
{
    /// <summary>Writes samples as a 16-bit PCM WAV file in memory.</summary>
    public static byte[] Wav(float[] samples, int sampleRate)
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, new WaveFormat(sampleRate, 16, 1)))
            writer.WriteSamples(samples, 0, samples.Length);
        return memory.ToArray(); // MemoryStream keeps its buffer after the writer closes it
    }

    public static float[] ReadWav(string path)
    {
        using var reader = new WaveFileReader(path);
        var provider = reader.ToSampleProvider();
        var samples = new float[reader.SampleCount];
        var read = provider.Read(samples.AsSpan());
        return samples[..read];
    }

    /// <summary>What a perfect speaker would play: the source after the same Opus round trip the controller applies.</summary>
    public static float[] AfterOpusRoundTrip(float[] samples48k)
    {
        var packets = BroadcastEncoding.EncodeAll(samples48k, new OpusEncoderSettings(), 1, 5);
        return OpusRoundTrip.Decode(packets);
    }

    /// <summary>
    /// A speaker's file follows its clock estimate sample by sample, so against the source its lag wanders by a
    /// fraction of a millisecond. Aligns the whole file, then each second of it on its own (within 10 ms of the
    /// whole file's lag; the quietest seconds are skipped): the lowest correlation and the range of the lags.
    /// </summary>
    public static (double MinCorrelation, int LagMin, int LagMax) AlignPerSecond(float[] reference, float[] played)
    {
        const int Window = 48_000;
        const int Reach = 480;
        var lag = SignalCorrelation.BestAlignment(reference, played, maxLagSamples: 48_000).Lag;
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
