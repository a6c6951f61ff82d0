using InfoRadio.Protocol.Audio;

namespace InfoRadio.Protocol.Tests.Support;

public static class Packets
{
    /// <summary>A real Opus packet: 20 ms of digital silence, CELT, fullband, mono (TOC 0xF8).</summary>
    public static readonly byte[] OpusSilence = [0xF8, 0xFF, 0xFE];

    public static AudioPacket Make(int frames = 5, uint stream = 7, uint sequence = 1, ulong position = 0,
        ushort frameSamples = 960, AudioPacketFlags flags = AudioPacketFlags.None, int frameBytes = 3) => new()
    {
        Stream = stream, Sequence = sequence, Position = position, FrameSamples = frameSamples, Flags = flags,
        Frames = Enumerable.Range(0, frames).Select(i => (ReadOnlyMemory<byte>)Enumerable.Range(0, frameBytes).Select(b => (byte)(i * 31 + b)).ToArray()).ToArray(),
    };

    /// <summary>A random valid packet: random fields, 1..50 frames of 0..1275 bytes (or 0 frames with End).</summary>
    public static AudioPacket Random(Random random, int maxFrameBytes = 200)
    {
        int[] sizes = [120, 240, 480, 960, 1920, 2880];
        var count = random.Next(0, AudioPacketCodec.MaxFrames + 1);
        var flags = (AudioPacketFlags)random.Next(0, 8);
        if (count == 0) flags |= AudioPacketFlags.End;
        var frames = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            var frame = new byte[random.Next(0, maxFrameBytes + 1)];
            random.NextBytes(frame);
            frames[i] = frame;
        }
        return new AudioPacket
        {
            Stream = (uint)random.NextInt64(1, uint.MaxValue + 1L), Sequence = (uint)random.NextInt64(0, uint.MaxValue + 1L),
            Position = (ulong)random.NextInt64(0, 1L << 40), FrameSamples = (ushort)sizes[random.Next(sizes.Length)],
            Flags = flags, Frames = frames,
        };
    }

    public static void AssertEqual(AudioPacket expected, AudioPacket actual)
    {
        Assert.Equal(expected.Stream, actual.Stream);
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.FrameSamples, actual.FrameSamples);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Codec, actual.Codec);
        Assert.Equal(expected.Frames.Count, actual.Frames.Count);
        for (var i = 0; i < expected.Frames.Count; i++)
            Assert.Equal(expected.Frames[i].ToArray(), actual.Frames[i].ToArray());
    }
}
