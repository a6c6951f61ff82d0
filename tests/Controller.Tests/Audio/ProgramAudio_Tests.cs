using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

/// <summary>Stored files read as streams give exactly the samples the whole-file decode gives.</summary>
public sealed class ProgramAudio_Tests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inforadio-program-audio-");
    private readonly AudioFileDecoder _decoder = new();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private DecodedAudio DecodeWhole(string path)
    {
        using var file = File.OpenRead(path);
        return _decoder.Decode(file, long.MaxValue / 2);
    }

    /// <summary>Reads everything with an awkward buffer size, so block boundaries never line up.</summary>
    private static float[] ReadAll(ProgramAudio audio, int bufferSize = 1_013)
    {
        using var reader = audio.Open();
        var all = new List<float>();
        var buffer = new float[bufferSize];
        int n;
        while ((n = reader.Read(buffer)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return [.. all];
    }

    public static TheoryData<int, int, WavSampleFormat> Formats => new()
    {
        { 48_000, 1, WavSampleFormat.Pcm16 },
        { 44_100, 2, WavSampleFormat.Pcm16 },
        { 8_000, 1, WavSampleFormat.Pcm8 },
        { 22_050, 2, WavSampleFormat.Float32 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_streamed_wav_file_equals_its_whole_decode_sample_for_sample(int rate, int channels, WavSampleFormat format)
    {
        // Longer than several converter blocks, so the resampler's block feeding matters.
        var frames = rate * 3 + 17;
        var path = Write("a.wav", TestWav.Build(TestSignals.Interleave(channels, rate, frames, (c, t) => TestSignals.TwoTones(t + c * 0.001)), rate, channels, format));
        var whole = DecodeWhole(path);

        var streamed = ReadAll(new FileProgramAudio(path, whole.Samples.Length, whole.SourceFormat, _decoder));

        Assert.Equal(whole.Samples.Length, streamed.Length);
        Assert.True(whole.Samples.AsSpan().SequenceEqual(streamed), "the streamed samples differ from the whole decode");
    }

    [Fact]
    public void A_streamed_mp3_file_equals_its_whole_decode_sample_for_sample()
    {
        if (!Ffmpeg.IsAvailable) Assert.Fail("ffmpeg is needed to make the MP3 test file");
        var path = Write("a.mp3", AudioFileDecoder_Mp3_Tests.TaggedStereo.Value);
        var whole = DecodeWhole(path);

        var streamed = ReadAll(new FileProgramAudio(path, whole.Samples.Length, whole.SourceFormat, _decoder), 4_800);

        Assert.True(whole.Samples.AsSpan().SequenceEqual(streamed), "the streamed samples differ from the whole decode");
    }

    /// <summary>Cuts a file that a reader already has open, as a failing disk or a careless hand would.</summary>
    internal static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.SetLength(length);
    }

    [Fact]
    public void A_cut_short_file_is_refused_when_opened()
    {
        var bytes = TestWav.Build(TestSignals.Sine(440, 0.5, 48_000, 96_000), 48_000, 1, WavSampleFormat.Pcm16);
        var path = Write("cut.wav", bytes[..(TestWav.DataOffset + 48_000 * 2)]);
        var e = Assert.Throws<AudioFormatException>(() => new FileProgramAudio(path, 96_000, "WAV", _decoder).Open());
        Assert.Contains("truncated WAV", e.Message);
    }

    [Fact]
    public void A_file_cut_short_while_it_airs_fails_when_the_reader_reaches_the_cut()
    {
        var samples = TestSignals.Sine(440, 0.5, 48_000, 96_000);
        var path = Write("cut.wav", TestWav.Build(samples, 48_000, 1, WavSampleFormat.Pcm16));
        using var reader = new FileProgramAudio(path, 96_000, "WAV PCM 16-bit 48000 Hz 1 ch", _decoder).Open();
        // Half of the data goes once the file is open.
        Truncate(path, TestWav.DataOffset + 48_000 * 2);

        var buffer = new float[4_800];
        var read = 0L;
        var e = Assert.Throws<AudioFormatException>(() =>
        {
            int n;
            while ((n = reader.Read(buffer)) > 0) read += n;
        });
        Assert.Contains("ended after 1 s of the 2 s", e.Message);
        Assert.Equal(48_000, read);
    }

    [Fact]
    public void A_missing_file_fails_to_open_with_a_format_error()
    {
        var audio = new FileProgramAudio(Path.Combine(_dir.FullName, "gone.wav"), 10, "WAV", _decoder);
        Assert.Throws<AudioFormatException>(() => audio.Open());
    }

    [Fact]
    public void A_sequence_of_files_plays_back_to_back_at_exact_sample_positions()
    {
        var first = Write("1.wav", TestWav.Build(TestSignals.Sine(300, 0.4, 44_100, 44_100 + 5), 44_100, 1, WavSampleFormat.Pcm16));
        var second = Write("2.wav", TestWav.Build(TestSignals.Sine(700, 0.4, 48_000, 24_001), 48_000, 1, WavSampleFormat.Pcm16));
        var a = DecodeWhole(first);
        var b = DecodeWhole(second);
        var sequence = ProgramAudio.Sequence(
            [new FileProgramAudio(first, a.Samples.Length, a.SourceFormat, _decoder), new FileProgramAudio(second, b.Samples.Length, b.SourceFormat, _decoder)],
            "playlist of 2 items");

        Assert.Equal(a.Samples.Length + b.Samples.Length, sequence.SampleCount);
        var streamed = ReadAll(sequence);
        Assert.Equal(DecodedAudio.Concatenate([a, b], "x").Samples, streamed);
    }

    [Fact]
    public void From_an_offset_gives_the_rest_of_the_program()
    {
        var samples = TestSignals.Noise(3, 10_000);
        var audio = ProgramAudio.InMemory(new DecodedAudio { Samples = samples, SourceFormat = "test" });

        var rest = audio.From(2_345);

        Assert.Equal(10_000 - 2_345, rest.SampleCount);
        Assert.Equal(samples[2_345..], ReadAll(rest, 999));
        Assert.Same(audio, audio.From(0));
        Assert.Equal(0, audio.From(20_000).SampleCount);
    }
}
