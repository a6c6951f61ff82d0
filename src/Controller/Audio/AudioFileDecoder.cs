namespace InfoRadio.Controller.Audio;

/// <summary>
/// Decodes an uploaded audio file (WAV or MP3, recognised by content) to the broadcast format: 48 kHz mono float.
/// Every problem with the input surfaces as <see cref="AudioFormatException"/>. Stateless: one instance can serve
/// concurrent calls.
/// </summary>
public sealed class AudioFileDecoder
{
    /// <summary>Default cap on a non-seekable input copied into memory before decoding.</summary>
    public const long DefaultMaxBufferedInputBytes = 512L * 1024 * 1024;

    private readonly long _maxBufferedInputBytes;

    public AudioFileDecoder(long maxBufferedInputBytes = DefaultMaxBufferedInputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBufferedInputBytes);
        _maxBufferedInputBytes = Math.Min(maxBufferedInputBytes, Array.MaxLength);
    }

    /// <summary>
    /// Decodes <paramref name="input"/> from its current position to its end. A seekable input positioned at 0 is
    /// read in place; any other is first copied into memory (up to the buffered-input cap). The input is not disposed.
    /// </summary>
    /// <param name="maxSamples">Longest accepted result, in 48 kHz samples; a longer input is refused early.</param>
    /// <exception cref="AudioFormatException">The input is empty, not WAV or MPEG audio, corrupt, truncated, holds no
    /// audio, is longer than <paramref name="maxSamples"/>, or could not be read.</exception>
    public DecodedAudio Decode(Stream input, long maxSamples)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        MemoryStream? copy = null;
        try
        {
            var seekable = input.CanSeek && input.Position == 0 ? input : copy = CopyToMemory(input);
            if (seekable.Length == 0) throw new AudioFormatException("the input is empty");

            using var source = OpenSource(seekable);
            var samples = BroadcastFormatConverter.Convert(source, maxSamples);
            return new DecodedAudio { Samples = samples, SourceFormat = source.Description };
        }
        catch (AudioFormatException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Decoders fail on hostile bytes in their own ways (index, overflow, invalid operation...): to the
            // caller they all mean the same thing.
            throw new AudioFormatException($"could not decode the audio: {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            copy?.Dispose();
        }
    }

    /// <summary>
    /// Streams a stored file that decoded to <paramref name="sampleCount"/> samples when it was accepted: the reader
    /// yields the same samples as <see cref="Decode"/> would, block by block, and owns <paramref name="seekable"/>.
    /// </summary>
    /// <exception cref="AudioFormatException">The file no longer opens as audio.</exception>
    public ProgramAudioReader OpenStream(Stream seekable, long sampleCount)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        try
        {
            var source = OpenSource(seekable);
            return new StreamingFormatConverter(new DecoderSource(source.Provider, source.Description, source.FrameCount,
                new CompositeOwner(source, seekable)), sampleCount);
        }
        catch (Exception ex)
        {
            seekable.Dispose();
            if (ex is AudioFormatException) throw;
            throw new AudioFormatException($"could not open the audio: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static DecoderSource OpenSource(Stream seekable)
    {
        var (kind, firstFrame) = AudioContentSniffer.Sniff(seekable);
        return kind switch
        {
            AudioFileKind.Wav => WavSource.Open(seekable),
            AudioFileKind.Mpeg => MpegSource.Open(seekable, firstFrame),
            _ => throw new AudioFormatException(
                $"unrecognised audio format ({seekable.Length} bytes starting {AudioContentSniffer.DescribeHead(seekable)}): " +
                "only WAV (RIFF/WAVE PCM or float) and MP3 files are accepted"),
        };
    }

    private sealed class CompositeOwner(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            try { first.Dispose(); }
            finally { second.Dispose(); }
        }
    }

    private MemoryStream CopyToMemory(Stream input)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81_920];
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            if (copy.Length + n > _maxBufferedInputBytes)
                throw new AudioFormatException($"the input is larger than the {_maxBufferedInputBytes} bytes accepted");
            copy.Write(buffer, 0, n);
        }
        copy.Position = 0;
        return copy;
    }
}
