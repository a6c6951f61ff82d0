using System.Buffers.Binary;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>
/// Frames that carry their own stream position, and a decoder that turns them into a ramp telling the position of
/// every sample: value(p) = p mod 20,000 − 10,000. Concealment writes <see cref="Concealed"/>. Cheap enough for
/// hours of playout in a unit test, and exact about where each sample came from.
/// </summary>
internal static class PositionFrames
{
    public const short Concealed = 12_345;
    public const int FrameSamples = 960;

    public static short Value(ulong position) => (short)((long)(position % 20_000) - 10_000);

    public static byte[] Frame(ulong position)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, position);
        return bytes;
    }

    /// <summary>Packets of <paramref name="framesPerPacket"/> frames from <paramref name="from"/> for <paramref name="frames"/> frames; End on the last if <paramref name="endAt"/> is reached.</summary>
    public static IEnumerable<AudioPacket> Packets(uint stream, ulong from, int frames, int framesPerPacket = 5, ulong? endAt = null)
    {
        for (var i = 0; i < frames; i += framesPerPacket)
        {
            var position = from + (ulong)(i * FrameSamples);
            var count = Math.Min(framesPerPacket, frames - i);
            var last = position + (ulong)(count * FrameSamples);
            var isEnd = endAt is { } e && last >= e;
            yield return new AudioPacket
            {
                Stream = stream,
                Sequence = (uint)(position / (ulong)(FrameSamples * framesPerPacket)),
                Position = position,
                FrameSamples = FrameSamples,
                Flags = isEnd ? AudioPacketFlags.End : AudioPacketFlags.None,
                Frames = Enumerable.Range(0, count).Select(k => (ReadOnlyMemory<byte>)Frame(position + (ulong)(k * FrameSamples))).ToArray(),
            };
        }
    }

    public sealed class Decoder : IFrameDecoder
    {
        public int Decoded { get; private set; }
        public int ConcealedFrames { get; private set; }

        public bool Decode(ReadOnlySpan<byte> frame, Span<short> pcm)
        {
            var position = BinaryPrimitives.ReadUInt64LittleEndian(frame);
            for (var i = 0; i < pcm.Length; i++) pcm[i] = Value(position + (ulong)i);
            Decoded++;
            return true;
        }

        public void Conceal(Span<short> pcm)
        {
            ConcealedFrames++;
            pcm.Fill(Concealed);
        }

        public void Reset()
        {
        }

        public void Dispose()
        {
        }
    }
}
