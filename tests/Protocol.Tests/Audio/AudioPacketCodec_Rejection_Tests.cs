using System.Buffers.Binary;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Audio;

/// <summary>Every rule a v1 parser enforces, each broken on its own in an otherwise valid packet.</summary>
public class AudioPacketCodec_Rejection_Tests
{
    /// <summary>Stream 7, sequence 1, position 0, 960 samples, 2 frames of 3 bytes: 32 bytes.</summary>
    private static byte[] Valid(int frames = 2, AudioPacketFlags flags = AudioPacketFlags.None) =>
        AudioPacketCodec.Encode(Packets.Make(frames: frames, flags: flags));

    private static string Rejected(byte[] bytes, params string[] fragments) =>
        ParseAssert.Rejected(AudioPacketCodec.Parse(bytes), fragments);

    [Fact]
    public void The_base_packet_is_valid() => ParseAssert.Ok(AudioPacketCodec.Parse(Valid()));

    [Fact]
    public void Anything_shorter_than_the_header_is_rejected()
    {
        var valid = Valid(frames: 0, flags: AudioPacketFlags.End);
        Assert.Equal(22, valid.Length);
        ParseAssert.Ok(AudioPacketCodec.Parse(valid));
        for (var length = 0; length < 22; length++)
            Assert.Equal($"packet of {length} bytes is shorter than the 22-byte header", Rejected(valid[..length]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(0x7B)] // '{': a JSON message sent to an audio topic
    [InlineData(255)]
    public void Rejects_other_versions(byte version)
    {
        var bytes = Valid();
        bytes[0] = version;
        Assert.Equal($"unsupported packet version {version}", Rejected(bytes));
    }

    [Theory]
    [InlineData(0x08, "08")]
    [InlineData(0x10, "10")]
    [InlineData(0x80, "80")]
    [InlineData(0xFF, "f8")]
    [InlineData(0x09, "08")]
    public void Rejects_unknown_flag_bits(byte flags, string unknownHex)
    {
        var bytes = Valid();
        bytes[1] = flags;
        Assert.Equal($"unknown flag bits 0x{unknownHex}", Rejected(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Rejects_codecs_other_than_Opus(byte codec)
    {
        var bytes = Valid();
        bytes[2] = codec;
        Assert.Equal($"unknown codec {codec}", Rejected(bytes));
    }

    [Theory]
    [InlineData(AudioPacketFlags.None)]
    [InlineData(AudioPacketFlags.Start)]
    [InlineData(AudioPacketFlags.Discontinuity)]
    public void Zero_frames_need_the_end_flag(AudioPacketFlags flags)
    {
        var bytes = Valid(frames: 0, flags: AudioPacketFlags.End);
        bytes[1] = (byte)flags;
        Assert.Equal("a packet without frames must carry the end flag", Rejected(bytes));
    }

    [Fact]
    public void Frame_lengths_that_do_not_fit_are_rejected()
    {
        var bytes = Valid(frames: 0, flags: AudioPacketFlags.End);
        bytes[3] = 3;
        Assert.Equal("3 frame lengths do not fit in 22 bytes", Rejected(bytes));
        Assert.Equal("3 frame lengths do not fit in 26 bytes", Rejected([.. bytes, 0, 0, 0, 0]));
    }

    [Fact]
    public void A_frame_running_past_the_end_is_rejected()
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(24), 4); // second frame claims 4 of the 3 bytes left
        Assert.Equal("frame 1 runs past the end of the packet", Rejected(bytes));
        Assert.Equal("frame 1 runs past the end of the packet", Rejected(Valid()[..^1]));
    }

    [Fact]
    public void Bytes_after_the_last_frame_are_rejected()
    {
        Assert.Equal("1 bytes follow the last frame", Rejected([.. Valid(), 0]));
        Assert.Equal("5 bytes follow the last frame", Rejected([.. Valid(frames: 0, flags: AudioPacketFlags.End), 1, 2, 3, 4, 5]));
        var shorter = Valid();
        BinaryPrimitives.WriteUInt16BigEndian(shorter.AsSpan(24), 2); // frame 1 claims 2 of the 3 bytes
        Assert.Equal("1 bytes follow the last frame", Rejected(shorter));
    }

    [Fact]
    public void A_frame_longer_than_1275_bytes_is_rejected()
    {
        var packet = Packets.Make(frames: 1, frameBytes: 1276);
        Assert.Contains("exceeds 1275", Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(packet)).Message);
        var bytes = AudioPacketCodec.Encode(Packets.Make(frames: 1, frameBytes: 1275));
        bytes = [.. bytes, 0];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(22), 1276);
        Assert.Equal("frame 0 claims 1276 bytes, more than 1275", Rejected(bytes));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(22), 0xFFFF);
        Assert.Equal("frame 0 claims 65535 bytes, more than 1275", Rejected(bytes));
    }

    [Theory]
    [InlineData(51)]
    [InlineData(255)]
    public void More_than_50_frames_are_rejected(int count)
    {
        var packet = Packets.Make(frames: count, frameBytes: 1);
        Assert.Contains($"{count} frames exceed 50", Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(packet)).Message);
        // Encode refuses, so build the bytes from a legal packet and patch the count and the extra lengths in.
        var bytes = new byte[22 + count * 3];
        AudioPacketCodec.Encode(Packets.Make(frames: 1, frameBytes: 1)).AsSpan(0, 22).CopyTo(bytes);
        bytes[3] = (byte)count;
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(22 + 2 * i), 1);
        Assert.Equal($"{count} frames exceed 50", Rejected(bytes));
    }

    [Fact]
    public void Stream_0_is_rejected()
    {
        var bytes = Valid();
        bytes[7] = 0;
        Assert.Equal("stream id 0 is reserved", Rejected(bytes));
        Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(Packets.Make(stream: 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(959)]
    [InlineData(961)]
    [InlineData(441)]
    [InlineData(5760)]
    [InlineData(65535)]
    public void Frame_sizes_other_than_Opus_ones_are_rejected(ushort samples)
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(20), samples);
        Assert.Equal($"{samples} samples is not an Opus frame size at 48 kHz", Rejected(bytes));
        Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(Packets.Make(frameSamples: samples)));
    }

    [Fact]
    public void A_packet_larger_than_the_largest_legal_one_is_rejected_before_it_is_read()
    {
        var bytes = new byte[AudioPacketCodec.MaxPacketSize + 1];
        Assert.Equal("packet of 63873 bytes exceeds 63872", Rejected(bytes));
        Assert.Equal("packet of 1048576 bytes exceeds 63872", Rejected(new byte[1 << 20]));
    }

    [Theory]
    [InlineData(1UL << 53, 0, "position beyond 2^53 - 1")] // start past the limit, even for an end-only packet
    [InlineData(ulong.MaxValue, 0, "position beyond 2^53 - 1")]
    [InlineData((1UL << 53) - 960, 1, "position beyond 2^53 - 1")] // the end of the frames passes the limit
    [InlineData((1UL << 53) - 1, 1, "position beyond 2^53 - 1")]
    [InlineData((1UL << 53) - 1, 0, null)]
    [InlineData((1UL << 53) - 961, 1, null)]
    public void Positions_stay_below_2_to_the_53(ulong position, int frames, string? reason)
    {
        var packet = Packets.Make(frames: frames, position: position, flags: frames == 0 ? AudioPacketFlags.End : AudioPacketFlags.None);
        Assert.Equal(reason, AudioPacketCodec.Validate(packet));
        var bytes = AudioPacketCodec.Encode(Packets.Make(frames: frames, flags: AudioPacketFlags.End));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(12), position);
        var result = AudioPacketCodec.Parse(bytes);
        Assert.Equal(reason, result.Error);
        if (reason is not null) Assert.Equal(reason, Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(packet)).Message.Split(" (")[0]);
    }

    [Fact]
    public void Encode_refuses_unknown_flags_and_codecs()
    {
        Assert.StartsWith("unknown flag bits", Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(Packets.Make(flags: (AudioPacketFlags)0x40))).Message);
        Assert.StartsWith("unknown codec", Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(Packets.Make() with { Codec = (AudioCodec)2 })).Message);
        Assert.StartsWith("a packet without frames", Assert.Throws<ArgumentException>(() => AudioPacketCodec.Encode(Packets.Make(frames: 0))).Message);
    }
}
