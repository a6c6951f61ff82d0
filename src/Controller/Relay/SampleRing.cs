namespace InfoRadio.Controller.Relay;

/// <summary>
/// A bounded FIFO of 48 kHz samples between the relay's decoder (writer) and its reader. When the source runs
/// ahead (a burst on connect, a reader not started yet) the oldest samples are dropped: memory stays bounded and
/// the relay stays close to live. Thread-safe; <see cref="WaitForData"/> lets the reader sleep until data comes.
/// </summary>
internal sealed class SampleRing(int capacity)
{
    private readonly float[] _buffer = new float[capacity];
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _hasData = new(false);
    private int _start;
    private int _count;

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Samples dropped because the ring was full.</summary>
    public long Dropped { get; private set; }

    public void Write(ReadOnlySpan<float> samples)
    {
        lock (_gate)
        {
            if (samples.Length > _buffer.Length) samples = samples[^_buffer.Length..];
            var overflow = _count + samples.Length - _buffer.Length;
            if (overflow > 0) DropOldest(overflow);
            var end = (_start + _count) % _buffer.Length;
            var first = Math.Min(samples.Length, _buffer.Length - end);
            samples[..first].CopyTo(_buffer.AsSpan(end));
            samples[first..].CopyTo(_buffer);
            _count += samples.Length;
            if (_count > 0) _hasData.Set();
        }
    }

    public int Read(Span<float> target)
    {
        lock (_gate)
        {
            var n = Math.Min(target.Length, _count);
            var first = Math.Min(n, _buffer.Length - _start);
            _buffer.AsSpan(_start, first).CopyTo(target);
            _buffer.AsSpan(0, n - first).CopyTo(target[first..]);
            _start = (_start + n) % _buffer.Length;
            _count -= n;
            if (_count == 0) _hasData.Reset();
            return n;
        }
    }

    /// <summary>Drops the oldest samples so that at most <paramref name="keep"/> stay.</summary>
    public void TrimTo(int keep)
    {
        lock (_gate)
        {
            if (_count > keep) DropOldest(_count - keep);
        }
    }

    /// <summary>Blocks until samples are held or the timeout passes; true when samples are held.</summary>
    public bool WaitForData(TimeSpan timeout) => _hasData.Wait(timeout);

    private void DropOldest(int n)
    {
        n = Math.Min(n, _count);
        _start = (_start + n) % _buffer.Length;
        _count -= n;
        Dropped += n;
        if (_count == 0) _hasData.Reset();
    }
}
