namespace InfoRadio.DeviceAgent.Playback;

/// <summary>What <see cref="JitterBuffer.Add"/> did with a frame.</summary>
internal enum JitterAddResult
{
    Added,
    /// <summary>A frame for this position is already held (a duplicated packet).</summary>
    Duplicate,
    /// <summary>The playout is already past this position.</summary>
    Late,
    /// <summary>The position lies at or after the stream's end.</summary>
    BeyondEnd,
    /// <summary>The buffer is full and the frame is further ahead than every frame it holds.</summary>
    Overflow,
}

/// <summary>One encoded frame waiting for its turn; <see cref="ResetDecoder"/> marks an encoder restart.</summary>
internal readonly record struct BufferedFrame(ReadOnlyMemory<byte> Data, bool ResetDecoder = false);

/// <summary>
/// Frames of one stream keyed by their timeline position (48 kHz samples). Pure and not thread-safe. The floor is
/// the playout position: frames below it are late. When full it keeps the frames needed soonest, so a burst of
/// far-future positions (a bad sender) cannot push out the audio about to play.
/// </summary>
internal sealed class JitterBuffer
{
    private readonly SortedList<ulong, BufferedFrame> _frames = [];

    public JitterBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }
    public int Count => _frames.Count;

    /// <summary>Positions below the floor are behind the playout.</summary>
    public ulong Floor { get; private set; }

    /// <summary>Total length of the stream, known once its End packet arrived.</summary>
    public ulong? EndPosition { get; private set; }

    /// <summary>Lowest position held, or null when empty.</summary>
    public ulong? FirstPosition => _frames.Count == 0 ? null : _frames.Keys[0];

    public long Late { get; private set; }
    public long Duplicates { get; private set; }
    public long Overflows { get; private set; }

    public JitterAddResult Add(ulong position, BufferedFrame frame)
    {
        if (position < Floor)
        {
            Late++;
            return JitterAddResult.Late;
        }
        if (position >= EndPosition) return JitterAddResult.BeyondEnd;
        if (_frames.ContainsKey(position))
        {
            Duplicates++;
            return JitterAddResult.Duplicate;
        }
        if (_frames.Count >= Capacity)
        {
            if (position > _frames.Keys[^1])
            {
                Overflows++;
                return JitterAddResult.Overflow;
            }
            _frames.RemoveAt(_frames.Count - 1);
            Overflows++;
        }
        _frames.Add(position, frame);
        return JitterAddResult.Added;
    }

    /// <summary>Records the stream's total length and drops anything held beyond it.</summary>
    public void MarkEnd(ulong endPosition)
    {
        // A second End (duplicate packet) must not move the end; the first one is what the sender meant.
        if (EndPosition is not null) return;
        EndPosition = endPosition;
        while (_frames.Count > 0 && _frames.Keys[^1] >= endPosition) _frames.RemoveAt(_frames.Count - 1);
    }

    /// <summary>Raises the floor to <paramref name="position"/>, dropping every frame below it.</summary>
    public void AdvanceTo(ulong position)
    {
        if (position <= Floor) return;
        Floor = position;
        while (_frames.Count > 0 && _frames.Keys[0] < position) _frames.RemoveAt(0);
    }

    /// <summary>Looks at the frame held for <paramref name="position"/> without taking it.</summary>
    public bool TryPeek(ulong position, out BufferedFrame frame) => _frames.TryGetValue(position, out frame);

    /// <summary>
    /// Takes the frame at <paramref name="position"/> (if held) and moves the floor just past it, so that the
    /// frame and everything before it are gone.
    /// </summary>
    public bool TryTake(ulong position, int frameSamples, out BufferedFrame frame)
    {
        var found = _frames.TryGetValue(position, out frame);
        if (found) _frames.Remove(position);
        AdvanceTo(position + (ulong)frameSamples);
        return found;
    }
}
