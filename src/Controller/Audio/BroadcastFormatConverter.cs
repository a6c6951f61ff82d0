using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace InfoRadio.Controller.Audio;

/// <summary>Turns an opened source into 48 kHz mono samples, refusing to go past a length limit.</summary>
internal static class BroadcastFormatConverter
{
    /// <summary>Silence fed after the source so the resampler's filter state reaches the output.</summary>
    private const int FlushFrames = 256;
    private const int BlockSamples = 16_384;

    public static float[] Convert(DecoderSource source, long maxSamples)
    {
        // An array cannot hold more; the slack leaves room for the resampler's flush tail.
        maxSamples = Math.Min(maxSamples, Array.MaxLength - 4L * BlockSamples);
        var inputRate = source.Provider.WaveFormat.SampleRate;
        if (source.FrameCount is { } known && OutputLength(known, inputRate) > maxSamples)
            throw TooLong(OutputLength(known, inputRate), maxSamples, source.Description);

        var mono = new MonoDownmixProvider(source.Provider, inputRate == DecodedAudio.SampleRate ? 0 : FlushFrames);
        ISampleProvider chain = inputRate == DecodedAudio.SampleRate
            ? mono
            : new WdlResamplingSampleProvider(mono, DecodedAudio.SampleRate);

        var limit = maxSamples + 2L * BlockSamples;
        var initial = source.FrameCount is { } frames ? OutputLength(frames, inputRate) + BlockSamples : 4L * BlockSamples;
        var output = new float[Math.Min(initial, limit)];
        var count = 0;
        while (true)
        {
            if (output.Length - count < BlockSamples && output.Length < limit)
                Array.Resize(ref output, (int)Math.Min(limit, 2L * output.Length + BlockSamples));
            var room = Math.Min(BlockSamples, output.Length - count);
            if (room == 0) throw TooLong(null, maxSamples, source.Description);
            var n = chain.Read(output.AsSpan(count, room));
            if (n <= 0) break;
            count += n;
            if (OutputLength(mono.SourceFrames, inputRate) > maxSamples) throw TooLong(null, maxSamples, source.Description);
        }

        // The resampler's output count drifts from the ideal by its filter latency and the flush tail: the exact
        // length is the source's duration at 48 kHz.
        var length = (int)OutputLength(mono.SourceFrames, inputRate);
        if (length == 0) throw new AudioFormatException($"the {source.Description} input contains no audio");
        Array.Resize(ref output, length);
        if (count < length) output.AsSpan(count).Clear();
        return output;
    }

    private static long OutputLength(long inputFrames, int inputRate) =>
        (long)Math.Round(inputFrames * (double)DecodedAudio.SampleRate / inputRate);

    private static AudioFormatException TooLong(long? samples, long maxSamples, string description) => new(
        samples is { } n
            ? $"the {description} input lasts {Seconds(n)}, longer than the {Seconds(maxSamples)} allowed"
            : $"the {description} input is longer than the {Seconds(maxSamples)} allowed");

    private static string Seconds(long samples) => $"{samples / (double)DecodedAudio.SampleRate:0.###} s";
}
