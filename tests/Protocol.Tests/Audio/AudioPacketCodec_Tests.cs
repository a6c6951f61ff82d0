using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Audio;

public class AudioPacketCodec_Tests
{
    // The packet of docs/protocol.md, "Test vectors", vector A2 (a lost frame and a 1-byte frame). The document test
    // reads the same bytes out of the document; this copy keeps the codec test readable on its own.
    private const string LostFrameVector =
        "01 00 01 03  00 00 00 07  00 00 01 02  00 00 00 00 00 03 A9 80  03 C0  00 03 00 00 00 01  F8 FF FE  F8";

    [Fact]
    public void The_fixed_vector_decodes_field_by_field()
    {
        var packet = ParseAssert.Ok(AudioPacketCodec.Parse(Hex.Parse(LostFrameVector)));
        Assert.Equal(7u, packet.Stream);
        Assert.Equal(258u, packet.Sequence);
        Assert.Equal(240_000ul, packet.Position);
        Assert.Equal((ushort)960, packet.FrameSamples);
        Assert.Equal(AudioPacketFlags.None, packet.Flags);
        Assert.Equal(AudioCodec.Opus, packet.Codec);
        Assert.Equal(3, packet.Frames.Count);
        Assert.Equal(Packets.OpusSilence, packet.Frames[0].ToArray());
        Assert.Empty(packet.Frames[1].ToArray());
        Assert.Equal(new byte[] { 0xF8 }, packet.Frames[2].ToArray());
        Assert.Equal(242_880ul, packet.EndPosition);
        Assert.False(packet.IsEnd);
    }

    [Fact]
    public void The_fixed_vector_encodes_byte_exact()
    {
        var packet = new AudioPacket
        {
            Stream = 7, Sequence = 258, Position = 240_000, FrameSamples = 960,
            Frames = [Packets.OpusSilence, Array.Empty<byte>(), new byte[] { 0xF8 }],
        };
        Assert.Equal(Hex.Format(Hex.Parse(LostFrameVector)), Hex.Format(AudioPacketCodec.Encode(packet)));
    }

    [Fact]
    public void Multi_byte_fields_are_big_endian()
    {
        var bytes = AudioPacketCodec.Encode(Packets.Make(frames: 1, stream: 0x01020304, sequence: 0x05060708, position: 0x0000_0A0B_0C0D_0E0F, frameSamples: 0x0780));
        Assert.Equal("0100010101020304050607080000" + "0A0B0C0D0E0F" + "0780" + "0003", Hex.Format(bytes.AsSpan(0, 24)));
    }

    [Theory]
    [InlineData(0, AudioPacketFlags.End)]
    [InlineData(0, AudioPacketFlags.Start | AudioPacketFlags.End)]
    [InlineData(1, AudioPacketFlags.None)]
    [InlineData(2, AudioPacketFlags.Start)]
    [InlineData(3, AudioPacketFlags.Discontinuity)]
    [InlineData(5, AudioPacketFlags.None)]
    [InlineData(10, AudioPacketFlags.End)]
    [InlineData(49, AudioPacketFlags.Start | AudioPacketFlags.End | AudioPacketFlags.Discontinuity)]
    [InlineData(50, AudioPacketFlags.None)]
    public void Round_trips_frame_counts(int frames, AudioPacketFlags flags)
    {
        var packet = Packets.Make(frames: frames, flags: flags, frameBytes: 80, position: 123_456_789);
        var bytes = AudioPacketCodec.Encode(packet);
        Assert.Equal(AudioPacketCodec.HeaderSize + frames * (2 + 80), bytes.Length);
        Assert.Equal(bytes.Length, AudioPacketCodec.EncodedSize(packet));
        Packets.AssertEqual(packet, ParseAssert.Ok(AudioPacketCodec.Parse(bytes)));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(240)]
    [InlineData(480)]
    [InlineData(960)]
    [InlineData(1920)]
    [InlineData(2880)]
    public void Round_trips_every_frame_size(ushort frameSamples)
    {
        var packet = Packets.Make(frames: 4, frameSamples: frameSamples);
        var parsed = ParseAssert.Ok(AudioPacketCodec.Parse(AudioPacketCodec.Encode(packet)));
        Packets.AssertEqual(packet, parsed);
        Assert.Equal(4ul * frameSamples, parsed.EndPosition);
    }

    [Fact]
    public void Round_trips_frames_of_0_1_and_1275_bytes_in_one_packet()
    {
        var big = new byte[AudioPacketCodec.MaxFrameBytes];
        new Random(1).NextBytes(big);
        var packet = Packets.Make(frames: 0, flags: AudioPacketFlags.None) with { Frames = [Array.Empty<byte>(), new byte[] { 0xF8 }, big, Array.Empty<byte>()] };
        Packets.AssertEqual(packet, ParseAssert.Ok(AudioPacketCodec.Parse(AudioPacketCodec.Encode(packet))));
    }

    [Fact]
    public void The_largest_legal_packet_round_trips()
    {
        var frames = Enumerable.Range(0, AudioPacketCodec.MaxFrames).Select(_ => (ReadOnlyMemory<byte>)new byte[AudioPacketCodec.MaxFrameBytes]).ToArray();
        var packet = Packets.Make(frames: 0, position: AudioPacketCodec.MaxPosition - 50 * 2880, frameSamples: 2880) with { Frames = frames };
        var bytes = AudioPacketCodec.Encode(packet);
        Assert.Equal(AudioPacketCodec.MaxPacketSize, bytes.Length);
        Assert.Equal(63_872, bytes.Length);
        var parsed = ParseAssert.Ok(AudioPacketCodec.Parse(bytes));
        Assert.Equal(AudioPacketCodec.MaxPosition, parsed.EndPosition);
    }

    [Fact]
    public void Round_trips_the_extreme_field_values()
    {
        var packet = Packets.Make(frames: 0, stream: uint.MaxValue, sequence: uint.MaxValue, position: AudioPacketCodec.MaxPosition, flags: AudioPacketFlags.End);
        Packets.AssertEqual(packet, ParseAssert.Ok(AudioPacketCodec.Parse(AudioPacketCodec.Encode(packet))));
    }

    [Fact]
    public void Write_fills_a_larger_buffer_and_reports_the_size()
    {
        var packet = Packets.Make(frames: 3);
        var buffer = new byte[1000];
        Array.Fill(buffer, (byte)0xAA);
        var written = AudioPacketCodec.Write(packet, buffer);
        Assert.Equal(AudioPacketCodec.EncodedSize(packet), written);
        Assert.Equal(AudioPacketCodec.Encode(packet), buffer[..written]);
        Assert.All(buffer[written..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void Write_refuses_a_buffer_one_byte_short()
    {
        var packet = Packets.Make(frames: 3);
        var ex = Assert.Throws<ArgumentException>(() => AudioPacketCodec.Write(packet, new byte[AudioPacketCodec.EncodedSize(packet) - 1]));
        Assert.Contains("destination too small", ex.Message);
    }

    [Fact]
    public void Parsed_frames_are_slices_of_the_input_not_copies()
    {
        var bytes = AudioPacketCodec.Encode(Packets.Make(frames: 1));
        var packet = ParseAssert.Ok(AudioPacketCodec.Parse(bytes));
        bytes[^1] ^= 0xFF;
        Assert.Equal(bytes[^1], packet.Frames[0].Span[^1]);
    }

    [Fact]
    public void Parses_a_packet_that_sits_inside_a_larger_buffer()
    {
        var bytes = AudioPacketCodec.Encode(Packets.Make(frames: 2));
        var buffer = new byte[bytes.Length + 20];
        bytes.CopyTo(buffer, 10);
        Packets.AssertEqual(Packets.Make(frames: 2), ParseAssert.Ok(AudioPacketCodec.Parse(buffer.AsMemory(10, bytes.Length))));
    }
}
