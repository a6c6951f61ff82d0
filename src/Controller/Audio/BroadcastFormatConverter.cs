namespace InfoRadio.Controller.Audio;

/// <summary>Turns an opened source into 48 kHz mono samples, refusing to go past a length limit.</summary>
internal static class BroadcastFormatConverter
{
    /// <summary>Frames read from the source at a time; the streaming converter uses the same blocks.</summary>
    public const int BlockFrames = 16_384;

    public static float[] Convert(DecoderSource source, long maxSamples)
    {
        // An array cannot hold more; the slack leaves room for the resampler's flush.
        maxSamples = Math.Min(maxSamples, Array.MaxLength - 4L * BlockFrames);
        var inputRate = source.Provider.WaveFormat.SampleRate;
        if (source.FrameCount is { } known && OutputLength(known, inputRate) > maxSamples)
            throw TooLong(OutputLength(known, inputRate), maxSamples, source.Description);

        var mono = new MonoDownmixProvider(source.Provider);
        var resampler = inputRate == DecodedAudio.SampleRate ? null : new SincResampler(inputRate);
        var output = new SampleAccumulator(source.FrameCount is { } frames ? OutputLength(frames, inputRate) + BlockFrames : 4 * BlockFrames);
        var block = new float[BlockFrames];
        while (true)
        {
            var n = mono.Read(block);
            if (n <= 0) break;
            output.Append(resampler is null ? block.AsSpan(0, n) : resampler.Process(block.AsSpan(0, n)));
            if (OutputLength(mono.SourceFrames, inputRate) > maxSamples) throw TooLong(null, maxSamples, source.Description);
        }
        if (resampler is not null) output.Append(resampler.Flush());

        // The resampler's output count drifts from the ideal by its filter length and flush: the exact length is the
        // source's duration at 48 kHz (the sinc filter is centred, so sample i of the output is time i / 48 kHz).
        var length = (int)OutputLength(mono.SourceFrames, inputRate);
        if (length == 0) throw new AudioFormatException($"the {source.Description} input contains no audio");
        return output.ToArray(length);
    }

    public static long OutputLength(long inputFrames, int inputRate) =>
        (long)Math.Round(inputFrames * (double)DecodedAudio.SampleRate / inputRate);

    private static AudioFormatException TooLong(long? samples, long maxSamples, string description) => new(
        samples is { } n
            ? $"the {description} input lasts {Seconds(n)}, longer than the {Seconds(maxSamples)} allowed"
            : $"the {description} input is longer than the {Seconds(maxSamples)} allowed");

    private static string Seconds(long samples) => $"{samples / (double)DecodedAudio.SampleRate:0.###} s";

    /// <summary>A growable float buffer.</summary>
    private sealed class SampleAccumulator(long initialCapacity)
    {
        private float[] _buffer = new float[Math.Clamp(initialCapacity, 1, Array.MaxLength)];
        private int _count;

        public void Append(ReadOnlySpan<float> samples)
        {
            if (_buffer.Length - _count < samples.Length)
                Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max(2L * _buffer.Length, (long)_count + samples.Length)));
            samples.CopyTo(_buffer.AsSpan(_count));
            _count += samples.Length;
        }

        /// <summary>The first <paramref name="length"/> samples, silence-padded if fewer were appended.</summary>
        public float[] ToArray(int length)
        {
            var result = new float[length];
            _buffer.AsSpan(0, Math.Min(length, _count)).CopyTo(result);
            return result;
        }
    }
}
