using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// A stream's head: its first packets merged into one, published retained on the stream's topic when the stream
/// starts. A speaker subscribes to a stream only once the desired state announcing it has reached it; at the start of
/// a broadcast to hundreds of speakers (an emergency) many subscribe after the first packets have left, and without
/// the head they would start late, at the first packet they see. With it the broker hands every late subscriber the
/// first second at once, so each plays from the first sample as long as it subscribed before that sample's instant.
/// The head is cleared (an empty retained message) once its last sample has sounded. Pure.
/// </summary>
public static class StreamHead
{
    /// <summary>Merges consecutive packets of one stream, in order, into one packet of all their frames.</summary>
    /// <exception cref="ArgumentException">No packet, more frames than a packet holds, or packets that do not follow each other.</exception>
    public static AudioPacket Merge(IReadOnlyList<AudioPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        if (packets.Count == 0) throw new ArgumentException("a head needs at least one packet", nameof(packets));
        var first = packets[0];
        if (packets.Count == 1) return first;
        var frames = new List<ReadOnlyMemory<byte>>();
        var flags = AudioPacketFlags.None;
        var expected = first.Position;
        foreach (var packet in packets)
        {
            if (packet.Stream != first.Stream || packet.FrameSamples != first.FrameSamples)
                throw new ArgumentException("the packets belong to different streams or frame sizes", nameof(packets));
            if (packet.Position != expected)
                throw new ArgumentException($"a packet at {packet.Position} does not follow the one ending at {expected}", nameof(packets));
            frames.AddRange(packet.Frames);
            flags |= packet.Flags;
            expected = packet.EndPosition;
        }
        if (frames.Count > AudioPacketCodec.MaxFrames)
            throw new ArgumentException($"{frames.Count} frames exceed the {AudioPacketCodec.MaxFrames} a packet holds", nameof(packets));
        return first with { Frames = frames, Flags = flags };
    }

    /// <summary>
    /// How many frames the head carries: <paramref name="headMs"/> of audio, at most what one packet holds, and at
    /// least one whole packet of the stream, in whole packets (0 when the head is off).
    /// </summary>
    public static int Frames(int headMs, int frameSamples, int framesPerPacket)
    {
        if (headMs <= 0) return 0;
        var packets = (int)Math.Ceiling(headMs * (Protocol.ProtocolVersion.SampleRate / 1000.0) / frameSamples / framesPerPacket);
        return Math.Min(Math.Max(1, packets), AudioPacketCodec.MaxFrames / framesPerPacket) * framesPerPacket;
    }
}
