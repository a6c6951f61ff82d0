using System.Buffers.Binary;
using System.Diagnostics;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Audio;
using InfoRadio.Testing;

namespace InfoRadio.Controller.Tests.Offline;

/// <summary>Content files are Ogg Opus that Debian's opus-tools decode to the program, sample for sample in length.</summary>
public sealed class OggOpus_File_Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    internal static ProgramAudio Tone(int frequency, double seconds)
    {
        var samples = new float[(int)(seconds * 48_000)];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.5f * MathF.Sin(2 * MathF.PI * frequency * i / 48_000f);
        return ProgramAudio.InMemory(new DecodedAudio { Samples = samples, SourceFormat = "tone" });
    }

    [Fact]
    public void A_written_file_is_decoded_by_opusdec_to_the_programs_length_and_tone()
    {
        var file = Path.Combine(_dir.Path, "tone.ogg");
        using (var output = File.Create(file))
            Assert.Equal(123_456, OggOpusFileEncoder.Encode(Tone(1000, 123_456 / 48_000.0), new OpusEncoderSettings(), output, CancellationToken.None));

        var info = Run("opusinfo", file);
        Assert.Equal(0, info.Code);
        Assert.DoesNotContain("WARNING", info.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ERROR", info.Output, StringComparison.OrdinalIgnoreCase);

        var wav = Path.Combine(_dir.Path, "tone.wav");
        var dec = Run("opusdec", "--rate", "48000", "--float", "--no-dither", file, wav);
        Assert.True(dec.Code == 0, dec.Output);
        // A float WAV: the samples follow the "data" chunk header.
        var pcm = ReadSamples(File.ReadAllBytes(wav));
        Assert.Equal(123_456, pcm.Length);
        Assert.Equal(1000, ToneMeter.Dominant(pcm.AsSpan(24_000, 4800), 500, 1000, 2000));
        Assert.Equal(1000, ToneMeter.Dominant(pcm.AsSpan(pcm.Length - 4800, 4800), 500, 1000, 2000));
    }

    [Fact]
    public void Pages_carry_valid_crcs_granules_in_samples_and_end_of_stream_on_the_last()
    {
        using var stream = new MemoryStream();
        OggOpusFileEncoder.Encode(Tone(440, 3.01), new OpusEncoderSettings(), stream, CancellationToken.None);
        var bytes = stream.ToArray();
        var pages = new List<(byte Flags, long Granule, int Sequence)>();
        for (var at = 0; at < bytes.Length;)
        {
            Assert.Equal("OggS"u8.ToArray(), bytes[at..(at + 4)]);
            var count = bytes[at + 26];
            var length = 27 + count;
            for (var i = 0; i < count; i++) length += bytes[at + 27 + i];
            var page = bytes[at..(at + length)];
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            page.AsSpan(22, 4).Clear();
            Assert.Equal(crc, OggCrc.Compute(page));
            pages.Add((page[5], BinaryPrimitives.ReadInt64LittleEndian(page.AsSpan(6)), BinaryPrimitives.ReadInt32LittleEndian(page.AsSpan(18))));
            at += length;
        }
        Assert.Equal(0x02, pages[0].Flags);
        Assert.Equal(0x04, pages[^1].Flags);
        Assert.Equal(Enumerable.Range(0, pages.Count), pages.Select(p => p.Sequence));
        var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28 + 10));
        Assert.True(preSkip > 0, "the encoder's look-ahead is the pre-skip");
        Assert.Equal(preSkip + (long)(3.01 * 48_000), pages[^1].Granule);
        // About a second per audio page: 3 s make 4 pages after the two headers.
        Assert.InRange(pages.Count, 5, 6);
    }

    private static float[] ReadSamples(byte[] wav)
    {
        var data = wav.AsSpan().IndexOf("data"u8);
        Assert.True(data > 0, "opusdec wrote no WAV data chunk");
        var body = wav.AsSpan(data + 8);
        var samples = new float[body.Length / 4];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..]);
        return samples;
    }

    internal static (int Code, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
