using InfoRadio.Controller.Audio;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class AudioPacketizer_Tests
{
    private static ReadOnlyMemory<byte>[] Frames(int count) =>
        Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)new byte[] { (byte)i, 0xAA, (byte)(i * 3) }).ToArray();

    [Fact]
    public void Frames_are_grouped_with_sequences_positions_and_flags()
    {
        var packets = AudioPacketizer.Packetize(Frames(12), streamId: 7, frameSamples: 960, framesPerPacket: 5);

        Assert.Equal([5, 5, 2], packets.Select(p => p.Frames.Count));
        Assert.Equal([0u, 1u, 2u], packets.Select(p => p.Sequence));
        Assert.Equal([0UL, 4_800UL, 9_600UL], packets.Select(p => p.Position));
        Assert.Equal([AudioPacketFlags.Start, AudioPacketFlags.None, AudioPacketFlags.End], packets.Select(p => p.Flags));
        Assert.All(packets, p => Assert.Equal(7u, p.Stream));
        Assert.All(packets, p => Assert.Equal((ushort)960, p.FrameSamples));
        Assert.Equal(11_520UL, packets[^1].EndPosition);
        // Frames keep their order across packets.
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)i), packets.SelectMany(p => p.Frames).Select(f => f.Span[0]));
    }

    [Fact]
    public void When_the_frames_fill_the_last_packet_exactly_it_carries_the_end_flag()
    {
        var packets = AudioPacketizer.Packetize(Frames(10), 1, 960, 5);

        Assert.Equal(2, packets.Count);
        Assert.Equal(AudioPacketFlags.End, packets[1].Flags);
        Assert.Equal(5, packets[1].Frames.Count);
    }

    [Fact]
    public void A_single_packet_stream_is_both_start_and_end()
    {
        var packets = AudioPacketizer.Packetize(Frames(3), 1, 480, 5);
        Assert.Equal(AudioPacketFlags.Start | AudioPacketFlags.End, Assert.Single(packets).Flags);
        Assert.Equal(1_440UL, packets[0].EndPosition);
    }

    [Fact]
    public void A_stream_without_frames_is_one_empty_start_end_packet()
    {
        var packet = Assert.Single(AudioPacketizer.Packetize([], 1, 960, 5));
        Assert.Equal(AudioPacketFlags.Start | AudioPacketFlags.End, packet.Flags);
        Assert.Empty(packet.Frames);
        Assert.Equal(0UL, packet.EndPosition);
    }

    [Fact]
    public void Appending_emits_each_packet_as_soon_as_it_is_full_and_complete_sends_an_empty_end()
    {
        var packetizer = new AudioPacketizer(3, 960, 2);
        var frames = Frames(4);

        Assert.Null(packetizer.Append(frames[0]));
        var first = packetizer.Append(frames[1]);
        Assert.Null(packetizer.Append(frames[2]));
        var second = packetizer.Append(frames[3]);
        var end = Assert.Single(packetizer.Complete());

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(AudioPacketFlags.Start, first.Flags);
        Assert.Equal(AudioPacketFlags.None, second.Flags);
        Assert.Equal(AudioPacketFlags.End, end.Flags);
        Assert.Empty(end.Frames);
        Assert.Equal((2u, 3_840UL, 3_840UL), (end.Sequence, end.Position, end.EndPosition));
        Assert.True(packetizer.IsCompleted);
    }

    [Fact]
    public void Complete_with_final_frames_puts_the_end_flag_on_them()
    {
        var packetizer = new AudioPacketizer(3, 960, 2);
        Assert.Null(packetizer.Append(Frames(1)[0]));

        var packets = packetizer.Complete(Frames(3));

        Assert.Equal([2, 2], packets.Select(p => p.Frames.Count));
        Assert.Equal([AudioPacketFlags.Start, AudioPacketFlags.End], packets.Select(p => p.Flags));
        Assert.Equal(3_840UL, packets[^1].EndPosition);
    }

    [Fact]
    public void A_stream_joined_late_starts_at_its_position()
    {
        var packets = AudioPacketizer.Packetize(Frames(6), 1, 960, 5, startPosition: 480_000);
        Assert.Equal([480_000UL, 484_800UL], packets.Select(p => p.Position));
        Assert.True((packets[0].Flags & AudioPacketFlags.Start) != 0);
    }

    [Fact]
    public void Every_packet_survives_the_binary_codec()
    {
        foreach (var packet in AudioPacketizer.Packetize(Frames(23), 9, 960, 5))
        {
            var parsed = AudioPacketCodec.Parse(AudioPacketCodec.Encode(packet));
            Assert.True(parsed.IsOk, parsed.Error);
            Assert.Equal(packet.Position, parsed.Value!.Position);
            Assert.Equal(packet.Flags, parsed.Value.Flags);
            Assert.Equal(packet.Frames.Select(f => f.ToArray()), parsed.Value.Frames.Select(f => f.ToArray()));
        }
    }

    [Fact]
    public void Sequence_numbers_count_every_packet()
    {
        var packetizer = new AudioPacketizer(1, 120, 1);
        AudioPacket? last = null;
        for (var i = 0; i < 1_000; i++) last = packetizer.Append(new byte[] { 1 });
        Assert.Equal(999u, last!.Sequence);
        Assert.Equal(1_000u, packetizer.NextSequence);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioPacketizer(0, 960, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioPacketizer(1, 1000, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioPacketizer(1, 960, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioPacketizer(1, 960, 51));
        var packetizer = new AudioPacketizer(1, 960, 5);
        Assert.Throws<ArgumentException>(() => packetizer.Append(new byte[1_276]));
        packetizer.Complete();
        Assert.Throws<InvalidOperationException>(() => packetizer.Append(new byte[10]));
        Assert.Throws<InvalidOperationException>(() => packetizer.Complete());
    }
}
