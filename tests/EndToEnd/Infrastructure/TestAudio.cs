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

    /// <summary>Aligns the whole file, then each second of it on its own (<see cref="SecondByAlignment"/>).</summary>
    public static (double MinCorrelation, int LagMin, int LagMax) AlignPerSecond(float[] reference, float[] played) =>
        SecondByAlignment.Measure(reference, played, SignalCorrelation.BestAlignment(reference, played, maxLagSamples: 48_000).Lag);
}
