using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class StreamHead_Tests
{
    internal static AudioPacket Packet(uint sequence, int frames = 5, AudioPacketFlags flags = AudioPacketFlags.None) => new()
    {
        Stream = 7,
        Sequence = sequence,
        Position = sequence * (ulong)(frames * 960),
        FrameSamples = 960,
        Flags = flags,
        Frames = Enumerable.Range(0, frames).Select(i => (ReadOnlyMemory<byte>)new byte[] { (byte)sequence, (byte)i, 0xAA }).ToArray(),
    };

    [Fact]
    public void Merging_keeps_the_first_position_every_frame_in_order_and_every_flag()
    {
        var head = StreamHead.Merge([Packet(0, flags: AudioPacketFlags.Start), Packet(1), Packet(2, flags: AudioPacketFlags.End)]);

        Assert.Equal(0UL, head.Position);
        Assert.Equal(15, head.Frames.Count);
        Assert.Equal(3UL * 5 * 960, head.EndPosition);
        Assert.Equal(AudioPacketFlags.Start | AudioPacketFlags.End, head.Flags);
        Assert.Equal([2, 0], head.Frames[10].ToArray()[..2]);
        Assert.Null(AudioPacketCodec.Validate(head));
    }

    [Fact]
    public void Packets_with_a_gap_or_too_many_frames_cannot_make_a_head()
    {
        Assert.Throws<ArgumentException>(() => StreamHead.Merge([Packet(0), Packet(2)]));
        Assert.Throws<ArgumentException>(() => StreamHead.Merge(Enumerable.Range(0, 11).Select(i => Packet((uint)i)).ToArray()));
        Assert.Throws<ArgumentException>(() => StreamHead.Merge([]));
    }

    [Theory]
    [InlineData(1000, 960, 5, 50)]  // a second of 20 ms frames, in whole packets of 5
    [InlineData(0, 960, 5, 0)]      // off
    [InlineData(50, 960, 5, 5)]     // never less than one packet
    [InlineData(5000, 960, 5, 50)]  // never more than a packet holds
    [InlineData(1000, 960, 3, 48)]  // whole packets only
    [InlineData(1000, 2880, 5, 20)] // 60 ms frames
    public void The_head_is_a_whole_number_of_packets_within_one_packets_limit(int headMs, int frameSamples, int framesPerPacket, int expected) =>
        Assert.Equal(expected, StreamHead.Frames(headMs, frameSamples, framesPerPacket));
}
