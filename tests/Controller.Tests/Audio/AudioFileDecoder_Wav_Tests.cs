using InfoRadio.Controller.Audio;
using NAudio.Wave;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class AudioFileDecoder_Wav_Tests
{
    private static readonly AudioFileDecoder Decoder = new();
    private const long OneMinute = 60 * 48_000;

    public static TheoryData<WavSampleFormat, int, int> Variants()
    {
        var data = new TheoryData<WavSampleFormat, int, int>();
        foreach (var format in Enum.GetValues<WavSampleFormat>())
            foreach (var rate in new[] { 8_000, 22_050, 44_100, 48_000 })
                foreach (var channels in new[] { 1, 2 })
                    data.Add(format, rate, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_variant_decodes_to_the_same_signal_at_48_kHz(WavSampleFormat format, int rate, int channels)
    {
        var frames = rate * 3 / 2; // 1.5 s
        var wav = TestWav.Build(TestSignals.Interleave(channels, rate, frames, (_, t) => TestSignals.TwoTones(t)), rate, channels, format);

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        Assert.Equal(72_000, decoded.Samples.Length);
        Assert.Equal(TimeSpan.FromSeconds(1.5), decoded.Duration);
        AssertMatches(TestSignals.Sample(TestSignals.TwoTones, 48_000, 72_000), decoded.Samples);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 44_100, 2, "WAV PCM 16-bit 44100 Hz 2 ch")]
    [InlineData(WavSampleFormat.Pcm8, 8_000, 1, "WAV PCM 8-bit 8000 Hz 1 ch")]
    [InlineData(WavSampleFormat.Pcm24, 48_000, 2, "WAV PCM 24-bit 48000 Hz 2 ch")]
    [InlineData(WavSampleFormat.Float32, 22_050, 1, "WAV IEEE float 32-bit 22050 Hz 1 ch")]
    public void Source_format_describes_the_input(WavSampleFormat format, int rate, int channels, string expected)
    {
        var wav = TestWav.Build(new float[rate / 10 * channels], rate, channels, format);
        Assert.Equal(expected, Decoder.Decode(new MemoryStream(wav), OneMinute).SourceFormat);
    }

    [Fact]
    public void Stereo_is_averaged_to_mono()
    {
        var wav = TestWav.Build(
            TestSignals.Interleave(2, 48_000, 48_000, (c, t) => (c == 0 ? 0.6 : 0.2) * Math.Sin(2 * Math.PI * 500 * t)),
            48_000, 2, WavSampleFormat.Float32);

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        var expected = TestSignals.Sine(500, 0.4, 48_000, 48_000);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], decoded.Samples[i], 1e-5f);
    }

    [Fact]
    public void Six_channels_are_averaged_to_mono()
    {
        // Opposite signs on two channels cancel: the mix is the mean of all six.
        var wav = TestWav.Build(
            TestSignals.Interleave(6, 48_000, 4_800, (c, t) => c switch { 0 => 0.9, 1 => -0.9, _ => 0.3 } * Math.Sin(2 * Math.PI * 300 * t)),
            48_000, 6, WavSampleFormat.Pcm24, extensible: true);

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        Assert.Equal("WAV PCM 24-bit 48000 Hz 6 ch", decoded.SourceFormat);
        var expected = TestSignals.Sine(300, 0.2, 48_000, 4_800);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], decoded.Samples[i], 1e-4f);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16)]
    [InlineData(WavSampleFormat.Float32)]
    public void Extensible_format_header_is_understood(WavSampleFormat format)
    {
        var wav = TestWav.Build(TestSignals.Interleave(2, 44_100, 44_100, (_, t) => TestSignals.TwoTones(t)), 44_100, 2, format, extensible: true);

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        Assert.Equal(48_000, decoded.Samples.Length);
        AssertMatches(TestSignals.Sample(TestSignals.TwoTones, 48_000, 48_000), decoded.Samples);
    }

    [Fact]
    public void A_file_written_by_NAudio_decodes()
    {
        var source = TestSignals.Sample(TestSignals.TwoTones, 16_000, 32_000);
        var buffer = new MemoryStream();
        using (var writer = new WaveFileWriter(buffer, new WaveFormat(16_000, 16, 1))) writer.WriteSamples(source, 0, source.Length);

        var decoded = Decoder.Decode(new MemoryStream(buffer.ToArray()), OneMinute);

        Assert.Equal(96_000, decoded.Samples.Length);
        AssertMatches(TestSignals.Sample(TestSignals.TwoTones, 48_000, 96_000), decoded.Samples);
    }

    [Fact]
    public void A_non_seekable_input_is_buffered_and_decoded()
    {
        var wav = TestWav.Build(TestSignals.Sample(TestSignals.TwoTones, 22_050, 22_050), 22_050, 1, WavSampleFormat.Pcm16);

        var decoded = Decoder.Decode(new ForwardOnlyStream(wav), OneMinute);

        Assert.Equal(48_000, decoded.Samples.Length);
        AssertMatches(TestSignals.Sample(TestSignals.TwoTones, 48_000, 48_000), decoded.Samples);
    }

    [Fact]
    public void Chunks_before_the_data_and_an_odd_sized_chunk_are_skipped()
    {
        var plain = TestWav.Build(TestSignals.Sample(TestSignals.TwoTones, 48_000, 4_800), 48_000, 1, WavSampleFormat.Pcm16);
        // Insert a 3-byte "junk" chunk (plus its pad byte) between fmt and data.
        var junk = new byte[] { (byte)'j', (byte)'u', (byte)'n', (byte)'k', 3, 0, 0, 0, 1, 2, 3, 0 };
        var wav = plain[..36].Concat(junk).Concat(plain[36..]).ToArray();
        wav = TestWav.WithUInt32(wav, 4, (uint)(wav.Length - 8));

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        Assert.Equal(4_800, decoded.Samples.Length);
        AssertMatches(TestSignals.Sample(TestSignals.TwoTones, 48_000, 4_800), decoded.Samples);
    }

    [Fact]
    public void Float_samples_beyond_full_scale_or_not_a_number_are_clipped_or_silenced()
    {
        var wav = TestWav.Build([0.5f, 0f, 0f, 0f], 48_000, 1, WavSampleFormat.Float32);
        BitConverter.GetBytes(3.5f).CopyTo(wav, TestWav.DataOffset);
        BitConverter.GetBytes(float.NaN).CopyTo(wav, TestWav.DataOffset + 4);
        BitConverter.GetBytes(float.NegativeInfinity).CopyTo(wav, TestWav.DataOffset + 8);

        var decoded = Decoder.Decode(new MemoryStream(wav), OneMinute);

        Assert.Equal([1f, 0f, -1f, 0f], decoded.Samples);
    }

    [Fact]
    public void Exactly_max_samples_is_accepted()
    {
        var wav = TestWav.Build(new float[48_000], 48_000, 1, WavSampleFormat.Pcm16);
        Assert.Equal(48_000, Decoder.Decode(new MemoryStream(wav), 48_000).Samples.Length);
    }

    /// <summary>The decoded signal must match the expected one with (almost) no delay.</summary>
    internal static void AssertMatches(float[] expected, float[] actual)
    {
        var alignment = SignalCorrelation.BestAlignment(expected, actual, 48);
        Assert.True(alignment.Correlation >= 0.99, $"correlation {alignment.Correlation:F4} at lag {alignment.Lag}");
        Assert.InRange(alignment.Lag, -2, 2);
    }
}

/// <summary>A stream that can only be read forwards, like an HTTP request body.</summary>
internal sealed class ForwardOnlyStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
