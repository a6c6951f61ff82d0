namespace InfoRadio.Protocol.Audio;

/// <summary>
/// One MQTT message of a stream: several consecutive codec frames and the place of the first on the stream's
/// 48 kHz sample timeline. A frame of length 0 stands for a frame the sender lost: the receiver conceals it.
/// </summary>
public sealed record AudioPacket
{
    public required uint Stream { get; init; }
    public required uint Sequence { get; init; }
    /// <summary>Sample index (48 kHz) of the first sample of the first frame.</summary>
    public required ulong Position { get; init; }
    public required ushort FrameSamples { get; init; }
    public AudioPacketFlags Flags { get; init; }
    public AudioCodec Codec { get; init; } = AudioCodec.Opus;
    public required IReadOnlyList<ReadOnlyMemory<byte>> Frames { get; init; }

    /// <summary>Timeline position just after the last frame.</summary>
    public ulong EndPosition => Position + (ulong)(Frames.Count * FrameSamples);

    public bool IsEnd => (Flags & AudioPacketFlags.End) != 0;
}
