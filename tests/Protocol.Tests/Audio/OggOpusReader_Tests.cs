using System.Buffers.Binary;
using InfoRadio.Protocol.Audio;
using InfoRadio.Testing;

namespace InfoRadio.Protocol.Tests.Audio;

/// <summary>Real files from opusenc (20 ms frames), and the same files damaged in the ways a disk or a transfer damages them.</summary>
public sealed class OggOpusReader_Tests
{
    private static readonly Lazy<byte[]> Tone = new(() => TestOggOpus.Tone(440, 1.5));

    private static List<OggOpusPacket> ReadAll(byte[] file, out OggOpusReader reader)
    {
        reader = new OggOpusReader(new MemoryStream(file));
        var packets = new List<OggOpusPacket>();
        while (reader.TryRead(out var p)) packets.Add(p);
        return packets;
    }

    [Fact]
    public void An_opusenc_file_yields_contiguous_20ms_packets_whose_end_trimmed_length_is_the_audio_length()
    {
        var packets = ReadAll(Tone.Value, out var reader);

        Assert.InRange(reader.PreSkip, 1, 4000);
        Assert.All(packets, p => Assert.Equal(960, p.Samples));
        Assert.Equal(0, packets[0].Position);
        for (var i = 1; i < packets.Count; i++) Assert.Equal(packets[i - 1].Position + 960, packets[i].Position);
        // 1.5 s at 48 kHz: opusenc trims the last page's granule to the input length plus the pre-skip.
        Assert.Equal(72_000, reader.PlayableSamples);
        Assert.InRange(packets[^1].Position + 960, reader.LastGranule, reader.LastGranule + 960);
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_a_page_fails_its_crc()
    {
        var file = (byte[])Tone.Value.Clone();
        file[file.Length / 2] ^= 0x40;
        var ex = Assert.Throws<OggOpusFormatException>(() => ReadAll(file, out _));
        Assert.Contains("CRC", ex.Message);
    }

    [Fact]
    public void A_wrong_crc_field_is_rejected_even_when_the_data_is_intact()
    {
        var file = (byte[])Tone.Value.Clone();
        file[22] ^= 0x01;
        var ex = Assert.Throws<OggOpusFormatException>(() => new OggOpusReader(new MemoryStream(file)));
        Assert.Contains("CRC", ex.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(2000)]
    public void A_truncated_file_is_rejected_not_played_short(int cut)
    {
        var file = Tone.Value.AsSpan(0, Tone.Value.Length - cut).ToArray();
        var ex = Assert.Throws<OggOpusFormatException>(() => ReadAll(file, out _));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void A_stereo_head_is_rejected()
    {
        var file = (byte[])Tone.Value.Clone();
        // OpusHead starts after the first page's 27-byte header and its 1-entry segment table.
        Assert.Equal("OpusHead"u8.ToArray(), file.AsSpan(28, 8).ToArray());
        file[28 + 9] = 2;
        Refresh(file, 0);
        var ex = Assert.Throws<OggOpusFormatException>(() => new OggOpusReader(new MemoryStream(file)));
        Assert.Contains("mono", ex.Message);
    }

    [Fact]
    public void Not_an_ogg_file_and_an_empty_file_are_rejected()
    {
        Assert.Throws<OggOpusFormatException>(() => new OggOpusReader(new MemoryStream("RIFF....WAVEfmt "u8.ToArray())));
        Assert.Throws<OggOpusFormatException>(() => new OggOpusReader(new MemoryStream([])));
    }

    [Fact]
    public void A_lost_page_is_detected_by_its_sequence_number()
    {
        // opusenc closes a page about every second: five seconds make several audio pages.
        var file = TestOggOpus.Tone(440, 5);
        var pages = Pages(file);
        Assert.True(pages.Count > 4);
        var without = pages.Where((_, i) => i != 3).SelectMany(p => file.AsSpan(p.Offset, p.Length).ToArray()).ToArray();
        var ex = Assert.Throws<OggOpusFormatException>(() => ReadAll(without, out _));
        Assert.Contains("pages lost", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 9 << 3 }, 960)]           // SILK wideband 20 ms, one frame
    [InlineData(new byte[] { (31 << 3) | 1 }, 1920)]    // CELT 20 ms, two frames
    [InlineData(new byte[] { (16 << 3) | 3, 0x04 }, 480)] // CELT 2.5 ms, four frames (code 3)
    [InlineData(new byte[] { }, 0)]
    public void Packet_durations_come_from_the_toc(byte[] packet, int samples) =>
        Assert.Equal(samples, OggOpusReader.OpusPacketSamples(packet));

    private static List<(int Offset, int Length)> Pages(byte[] file)
    {
        var pages = new List<(int, int)>();
        var offset = 0;
        while (offset < file.Length)
        {
            int segments = file[offset + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++) length += file[offset + 27 + i];
            pages.Add((offset, length));
            offset += length;
        }
        return pages;
    }

    /// <summary>Recomputes the CRC of the page at <paramref name="offset"/> after an edit.</summary>
    private static void Refresh(byte[] file, int offset)
    {
        var (_, length) = Pages(file).First(p => p.Offset == offset);
        var page = file.AsSpan(offset, length);
        page.Slice(22, 4).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(22, 4), OggCrc.Compute(page));
    }
}
