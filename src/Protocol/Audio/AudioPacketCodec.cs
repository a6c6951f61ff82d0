using System.Buffers.Binary;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Audio;

/// <summary>
/// The binary audio packet of protocol v1, big-endian:
/// <code>
/// off size field
///   0   1  version (1)
///   1   1  flags: 0x01 start, 0x02 end, 0x04 discontinuity; other bits 0
///   2   1  codec (1 = Opus)
///   3   1  frame count N (1..50; 0 only with the end flag)
///   4   4  stream id (u32, not 0)
///   8   4  sequence (u32, +1 per packet, wraps)
///  12   8  position (u64): 48 kHz sample index of the first frame's first sample
///  20   2  samples per frame (120, 240, 480, 960, 1920 or 2880)
///  22  2N  frame lengths (u16 each, 0..1275; 0 = lost frame, conceal it)
///  ..      frames, back to back; the lengths add up to exactly the rest of the packet
/// </code>
/// </summary>
public static class AudioPacketCodec
{
    public const int HeaderSize = 22;
    public const int MaxFrames = 50;
    public const int MaxFrameBytes = 1275;
    public const int MaxPacketSize = HeaderSize + MaxFrames * (2 + MaxFrameBytes);

    /// <summary>Positions stay below 2^53 so that a JavaScript or double-based peer reads them exactly (~5.9 millennia).</summary>
    public const ulong MaxPosition = (1UL << 53) - 1;

    public static int EncodedSize(AudioPacket packet)
    {
        var size = HeaderSize + 2 * packet.Frames.Count;
        foreach (var frame in packet.Frames) size += frame.Length;
        return size;
    }

    public static byte[] Encode(AudioPacket packet)
    {
        if (Validate(packet) is { } reason) throw new ArgumentException(reason, nameof(packet));
        var buffer = new byte[EncodedSize(packet)];
        Write(packet, buffer);
        return buffer;
    }

    /// <summary>Writes the packet into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Write(AudioPacket packet, Span<byte> destination)
    {
        var size = EncodedSize(packet);
        if (destination.Length < size) throw new ArgumentException("destination too small", nameof(destination));
        destination[0] = ProtocolVersion.Current;
        destination[1] = (byte)packet.Flags;
        destination[2] = (byte)packet.Codec;
        destination[3] = (byte)packet.Frames.Count;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], packet.Stream);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], packet.Sequence);
        BinaryPrimitives.WriteUInt64BigEndian(destination[12..], packet.Position);
        BinaryPrimitives.WriteUInt16BigEndian(destination[20..], packet.FrameSamples);
        var offset = HeaderSize + 2 * packet.Frames.Count;
        for (var i = 0; i < packet.Frames.Count; i++)
        {
            var frame = packet.Frames[i].Span;
            BinaryPrimitives.WriteUInt16BigEndian(destination[(HeaderSize + 2 * i)..], (ushort)frame.Length);
            frame.CopyTo(destination[offset..]);
            offset += frame.Length;
        }
        return size;
    }

    /// <summary>
    /// Reads from a packet's header alone its stream, its flags and the timeline position just after its last frame,
    /// without checking the frames: false when <paramref name="header"/> is too short or not a version-1 packet.
    /// </summary>
    public static bool TryReadSpan(ReadOnlySpan<byte> header, out uint stream, out AudioPacketFlags flags, out ulong endPosition)
    {
        stream = 0;
        flags = AudioPacketFlags.None;
        endPosition = 0;
        if (header.Length < HeaderSize || header[0] != ProtocolVersion.Current) return false;
        flags = (AudioPacketFlags)header[1];
        stream = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var position = BinaryPrimitives.ReadUInt64BigEndian(header[12..]);
        var frameSamples = BinaryPrimitives.ReadUInt16BigEndian(header[20..]);
        endPosition = position + (ulong)(header[3] * frameSamples);
        return true;
    }

    /// <summary>
    /// Parses a packet. The frames of the result are slices of <paramref name="data"/>: copy the memory first if
    /// the caller's buffer is reused.
    /// </summary>
    public static ParseResult<AudioPacket> Parse(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < HeaderSize) return Fail($"packet of {span.Length} bytes is shorter than the {HeaderSize}-byte header");
        if (span.Length > MaxPacketSize) return Fail($"packet of {span.Length} bytes exceeds {MaxPacketSize}");
        if (span[0] != ProtocolVersion.Current) return Fail($"unsupported packet version {span[0]}");
        var flags = (AudioPacketFlags)span[1];
        if ((flags & ~AudioPacketFlags.Known) != 0) return Fail($"unknown flag bits 0x{(byte)(flags & ~AudioPacketFlags.Known):x2}");
        var codec = (AudioCodec)span[2];
        if (codec != AudioCodec.Opus) return Fail($"unknown codec {span[2]}");
        int count = span[3];
        var stream = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        var position = BinaryPrimitives.ReadUInt64BigEndian(span[12..]);
        var frameSamples = BinaryPrimitives.ReadUInt16BigEndian(span[20..]);
        if (HeaderSize + 2 * count > span.Length) return Fail($"{count} frame lengths do not fit in {span.Length} bytes");

        var frames = new ReadOnlyMemory<byte>[count];
        var offset = HeaderSize + 2 * count;
        for (var i = 0; i < count; i++)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(span[(HeaderSize + 2 * i)..]);
            if (length > MaxFrameBytes) return Fail($"frame {i} claims {length} bytes, more than {MaxFrameBytes}");
            if (offset + length > span.Length) return Fail($"frame {i} runs past the end of the packet");
            frames[i] = data.Slice(offset, length);
            offset += length;
        }
        if (offset != span.Length) return Fail($"{span.Length - offset} bytes follow the last frame");

        var packet = new AudioPacket
        {
            Stream = stream, Sequence = sequence, Position = position, FrameSamples = frameSamples,
            Flags = flags, Codec = codec, Frames = frames,
        };
        return Validate(packet) is { } reason ? Fail(reason) : ParseResult<AudioPacket>.Ok(packet);
    }

    /// <summary>Rules shared by <see cref="Encode"/> and <see cref="Parse"/>; null when the packet is valid.</summary>
    public static string? Validate(AudioPacket packet)
    {
        if (packet.Stream == 0) return "stream id 0 is reserved";
        if ((packet.Flags & ~AudioPacketFlags.Known) != 0) return "unknown flag bits";
        if (packet.Codec != AudioCodec.Opus) return "unknown codec";
        if (packet.FrameSamples is not (120 or 240 or 480 or 960 or 1920 or 2880))
            return $"{packet.FrameSamples} samples is not an Opus frame size at 48 kHz";
        if (packet.Frames.Count > MaxFrames) return $"{packet.Frames.Count} frames exceed {MaxFrames}";
        if (packet.Frames.Count == 0 && !packet.IsEnd) return "a packet without frames must carry the end flag";
        foreach (var frame in packet.Frames)
            if (frame.Length > MaxFrameBytes) return $"a frame of {frame.Length} bytes exceeds {MaxFrameBytes}";
        if (packet.Position > MaxPosition || packet.EndPosition > MaxPosition) return "position beyond 2^53 - 1";
        return null;
    }

    private static ParseResult<AudioPacket> Fail(string reason) => ParseResult<AudioPacket>.Fail(reason);
}
