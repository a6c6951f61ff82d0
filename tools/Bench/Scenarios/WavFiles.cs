using InfoRadio.Protocol;
using NAudio.Wave;

namespace InfoRadio.Bench.Scenarios;

/// <summary>16-bit 48 kHz mono WAV in and out, as the controller takes it and the agents' WAV sink writes it.</summary>
public static class WavFiles
{
    public static byte[] ToWav(float[] samples)
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, new WaveFormat(ProtocolVersion.SampleRate, 16, 1)))
        {
            writer.WriteSamples(samples, 0, samples.Length);
            writer.Flush();
            return memory.ToArray();
        }
    }

    /// <summary>The samples of a WAV file, or none when the file does not exist (the agent played nothing).</summary>
    public static float[] Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var reader = new WaveFileReader(path);
        var samples = new float[reader.SampleCount];
        return samples[..reader.ToSampleProvider().Read(samples.AsSpan())];
    }

    /// <summary>Raw signed 16-bit little-endian mono samples (what opusdec writes to a non-.wav file).</summary>
    public static float[] ReadRaw16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        return samples;
    }
}
