using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Audio;

public class AudioPacket_Tests
{
    [Theory]
    [InlineData(0UL, 5, 960, 4800UL)]
    [InlineData(240_000UL, 3, 960, 242_880UL)]
    [InlineData(100UL, 0, 960, 100UL)]
    [InlineData(0UL, 50, 2880, 144_000UL)]
    [InlineData(0UL, 2, 120, 240UL)]
    public void EndPosition_is_the_position_after_the_last_frame(ulong position, int frames, ushort samples, ulong end) =>
        Assert.Equal(end, Packets.Make(frames: frames, position: position, frameSamples: samples, flags: AudioPacketFlags.End).EndPosition);

    [Fact]
    public void Lost_frames_still_occupy_their_place_on_the_timeline()
    {
        var packet = Packets.Make(frames: 0, position: 960) with { Frames = [Array.Empty<byte>(), Array.Empty<byte>()] };
        Assert.Equal(960UL + 2 * 960, packet.EndPosition);
    }

    [Theory]
    [InlineData(AudioPacketFlags.None, false)]
    [InlineData(AudioPacketFlags.Start, false)]
    [InlineData(AudioPacketFlags.Discontinuity, false)]
    [InlineData(AudioPacketFlags.End, true)]
    [InlineData(AudioPacketFlags.Start | AudioPacketFlags.End, true)]
    public void IsEnd_reads_the_end_flag(AudioPacketFlags flags, bool isEnd) =>
        Assert.Equal(isEnd, Packets.Make(flags: flags).IsEnd);

    [Fact]
    public void The_codec_defaults_to_Opus() => Assert.Equal(AudioCodec.Opus, Packets.Make().Codec);

    [Fact]
    public void Flag_and_codec_values_are_the_documented_bytes()
    {
        Assert.Equal(0x01, (byte)AudioPacketFlags.Start);
        Assert.Equal(0x02, (byte)AudioPacketFlags.End);
        Assert.Equal(0x04, (byte)AudioPacketFlags.Discontinuity);
        Assert.Equal(0x07, (byte)AudioPacketFlags.Known);
        Assert.Equal(1, (byte)AudioCodec.Opus);
        Assert.Equal(1, ProtocolVersion.Current);
        Assert.Equal(48_000, ProtocolVersion.SampleRate);
    }
}
