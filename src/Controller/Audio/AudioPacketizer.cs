using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Audio;

/// <summary>
/// Groups encoded frames into the protocol's <see cref="AudioPacket"/>s of a stream: sequence numbers from 0,
/// positions on the 48 kHz timeline, Start on the first packet and End on the last. Frames are appended one by one
/// (a live source) and the stream is closed by <see cref="Complete"/>. Not thread-safe.
/// </summary>
public sealed class AudioPacketizer
{
    private readonly List<ReadOnlyMemory<byte>> _pending;
    private ulong _pendingPosition;
    private bool _started;

    public AudioPacketizer(uint streamId, int frameSamples, int framesPerPacket, ulong startPosition = 0)
    {
        if (streamId == 0) throw new ArgumentOutOfRangeException(nameof(streamId), "stream id 0 is reserved");
        if (!OpusEncoderSettings.ValidFrameSamples.Contains(frameSamples))
            throw new ArgumentOutOfRangeException(nameof(frameSamples), frameSamples, "not an Opus frame size at 48 kHz");
        if (framesPerPacket is < 1 or > AudioPacketCodec.MaxFrames)
            throw new ArgumentOutOfRangeException(nameof(framesPerPacket), framesPerPacket, $"must be 1–{AudioPacketCodec.MaxFrames}");
        StreamId = streamId;
        FrameSamples = frameSamples;
        FramesPerPacket = framesPerPacket;
        _pending = new List<ReadOnlyMemory<byte>>(framesPerPacket);
        _pendingPosition = startPosition;
        Position = startPosition;
    }

    public uint StreamId { get; }
    public int FrameSamples { get; }
    public int FramesPerPacket { get; }

    /// <summary>Timeline position just after the last frame appended.</summary>
    public ulong Position { get; private set; }

    /// <summary>Sequence number the next packet will carry.</summary>
    public uint NextSequence { get; private set; }

    public bool IsCompleted { get; private set; }

    /// <summary>Appends one encoded frame (empty = a frame the sender lost); returns a packet once it is full.</summary>
    public AudioPacket? Append(ReadOnlyMemory<byte> frame)
    {
        if (IsCompleted) throw new InvalidOperationException("the stream is complete");
        if (frame.Length > AudioPacketCodec.MaxFrameBytes)
            throw new ArgumentException($"a frame of {frame.Length} bytes exceeds {AudioPacketCodec.MaxFrameBytes}", nameof(frame));
        _pending.Add(frame);
        Position += (ulong)FrameSamples;
        return _pending.Count == FramesPerPacket ? Emit(end: false) : null;
    }

    /// <summary>
    /// Appends the stream's last frames and ends it. The last packet carries the End flag and the frames not yet
    /// sent (it may be short, or hold no frame at all when the previous packet happened to be full).
    /// </summary>
    public IReadOnlyList<AudioPacket> Complete(IReadOnlyList<ReadOnlyMemory<byte>>? finalFrames = null)
    {
        if (IsCompleted) throw new InvalidOperationException("the stream is complete");
        var packets = new List<AudioPacket>();
        finalFrames ??= [];
        for (var i = 0; i < finalFrames.Count; i++)
        {
            // A full packet goes out only once another frame follows it, so the very last one can carry End.
            if (_pending.Count == FramesPerPacket) packets.Add(Emit(end: false));
            var frame = finalFrames[i];
            if (frame.Length > AudioPacketCodec.MaxFrameBytes)
                throw new ArgumentException($"frame {i} of {frame.Length} bytes exceeds {AudioPacketCodec.MaxFrameBytes}", nameof(finalFrames));
            _pending.Add(frame);
            Position += (ulong)FrameSamples;
        }
        packets.Add(Emit(end: true));
        IsCompleted = true;
        return packets;
    }

    /// <summary>All packets of a stream whose frames are all known: the End flag rides on the last frames.</summary>
    public static IReadOnlyList<AudioPacket> Packetize(
        IReadOnlyList<ReadOnlyMemory<byte>> frames, uint streamId, int frameSamples, int framesPerPacket, ulong startPosition = 0) =>
        new AudioPacketizer(streamId, frameSamples, framesPerPacket, startPosition).Complete(frames);

    private AudioPacket Emit(bool end)
    {
        var flags = AudioPacketFlags.None;
        if (!_started) flags |= AudioPacketFlags.Start;
        if (end) flags |= AudioPacketFlags.End;
        var packet = new AudioPacket
        {
            Stream = StreamId,
            Sequence = NextSequence,
            Position = _pendingPosition,
            FrameSamples = (ushort)FrameSamples,
            Flags = flags,
            Frames = _pending.ToArray(),
        };
        _started = true;
        unchecked { NextSequence++; }
        _pendingPosition = packet.EndPosition;
        _pending.Clear();
        return packet;
    }
}
