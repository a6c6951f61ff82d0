namespace InfoRadio.Controller.Audio;

/// <summary>Reads a <see cref="ProgramAudio"/> front to back. Not thread-safe.</summary>
public abstract class ProgramAudioReader : IDisposable
{
    /// <summary>Samples yielded so far.</summary>
    public long Position { get; protected set; }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the next samples; returns how many (0 only at the end).
    /// Throws <see cref="AudioFormatException"/> when the source turns out corrupt or shorter than announced.
    /// </summary>
    public abstract int Read(Span<float> buffer);

    /// <summary>Reads and drops <paramref name="count"/> samples (fewer at the end); returns how many were dropped.</summary>
    public long Skip(long count)
    {
        var scratch = new float[16_384];
        var skipped = 0L;
        while (skipped < count)
        {
            var n = Read(scratch.AsSpan(0, (int)Math.Min(scratch.Length, count - skipped)));
            if (n == 0) break;
            skipped += n;
        }
        return skipped;
    }

    /// <summary>
    /// Asks a reader that may block in <see cref="Read"/> (one fed by a real-time source) to return at once by
    /// throwing <see cref="OperationCanceledException"/>; called from another thread. Readers of stored audio never
    /// block for long and ignore it.
    /// </summary>
    public virtual void Cancel()
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
