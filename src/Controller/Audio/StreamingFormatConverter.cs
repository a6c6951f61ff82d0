namespace InfoRadio.Controller.Audio;

/// <summary>
/// The streaming form of <see cref="BroadcastFormatConverter"/>: turns an opened source into 48 kHz mono samples
/// block by block, yielding exactly the length the source had when it was stored. It feeds the resampler the same
/// blocks as the whole-file conversion, so the samples are identical to it.
/// </summary>
internal sealed class StreamingFormatConverter : ProgramAudioReader
{
    private readonly DecoderSource _source;
    private readonly MonoDownmixProvider _mono;
    private readonly SincResampler? _resampler;
    private readonly int _inputRate;
    private readonly long _length;
    private readonly float[] _block = new float[BroadcastFormatConverter.BlockFrames];
    private float[] _pending = [];
    private int _pendingStart;
    private int _pendingCount;
    private bool _sourceEnded;

    public StreamingFormatConverter(DecoderSource source, long length)
    {
        _source = source;
        _length = length;
        _inputRate = source.Provider.WaveFormat.SampleRate;
        _mono = new MonoDownmixProvider(source.Provider);
        _resampler = _inputRate == DecodedAudio.SampleRate ? null : new SincResampler(_inputRate);
    }

    public override int Read(Span<float> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - Position);
        while (_pendingCount == 0 && wanted > 0) Refill();
        var n = Math.Min(wanted, _pendingCount);
        _pending.AsSpan(_pendingStart, n).CopyTo(buffer);
        _pendingStart += n;
        _pendingCount -= n;
        Position += n;
        return n;
    }

    private void Refill()
    {
        if (_sourceEnded)
        {
            // The resampler's output count drifts from the ideal by its filter length: the whole-file conversion pads
            // with silence up to the source's duration, and so does this.
            Keep(new float[Math.Min(BroadcastFormatConverter.BlockFrames, _length - Position)]);
            return;
        }
        int n;
        try
        {
            n = _mono.Read(_block);
        }
        catch (Exception ex) when (ex is not AudioFormatException)
        {
            throw new AudioFormatException($"the {_source.Description} input failed after {Seconds(Position)}: {ex.GetType().Name}: {ex.Message}", ex);
        }
        if (n > 0)
        {
            Keep(_resampler is null ? _block.AsSpan(0, n) : _resampler.Process(_block.AsSpan(0, n)));
            return;
        }
        _sourceEnded = true;
        var sourceLength = BroadcastFormatConverter.OutputLength(_mono.SourceFrames, _inputRate);
        if (sourceLength < _length)
            throw new AudioFormatException(
                $"the {_source.Description} input ended after {Seconds(sourceLength)} of the {Seconds(_length)} it held when stored");
        if (_resampler is not null) Keep(_resampler.Flush());
    }

    private void Keep(ReadOnlySpan<float> samples)
    {
        if (_pending.Length < samples.Length) _pending = new float[samples.Length];
        samples.CopyTo(_pending);
        _pendingStart = 0;
        _pendingCount = samples.Length;
    }

    private static string Seconds(long samples) => $"{samples / (double)DecodedAudio.SampleRate:0.###} s";

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
    }
}
