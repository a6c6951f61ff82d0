using System.Diagnostics;
using System.Text;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class AudioFileDecoder_BadInput_Tests
{
    private static readonly AudioFileDecoder Decoder = new();
    private const long OneMinute = 60 * 48_000;

    private static readonly byte[] ValidWav =
        TestWav.Build(TestSignals.Sample(TestSignals.TwoTones, 22_050, 11_025), 22_050, 1, WavSampleFormat.Pcm16);

    private static AudioFormatException Refused(byte[] input, long maxSamples = OneMinute) =>
        Assert.Throws<AudioFormatException>(() => Decoder.Decode(new MemoryStream(input), maxSamples));

    [Fact]
    public void Empty_input_is_refused() => Assert.Contains("empty", Refused([]).Message);

    [Fact]
    public void Empty_forward_only_input_is_refused() =>
        Assert.Contains("empty", Assert.Throws<AudioFormatException>(() => Decoder.Decode(new ForwardOnlyStream([]), OneMinute)).Message);

    [Theory]
    [InlineData("hello, this is not audio at all")]
    [InlineData("OggS\0\u0002\0\0\0\0\0\0\0\0")]
    [InlineData("fLaC\0\0\0\"")]
    [InlineData("RIFF\u0024\0\0\0AVI LIST")]
    public void Unknown_formats_are_refused_by_content(string content)
    {
        var ex = Refused(Encoding.Latin1.GetBytes(content));
        Assert.Contains("unrecognised audio format", ex.Message);
    }

    [Fact]
    public void Random_bytes_are_refused()
    {
        var bytes = new byte[10_000];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x00; // no accidental frame sync at offset 0
        Refused(bytes);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(20)]
    [InlineData(43)]
    public void A_wav_cut_inside_its_header_is_refused(int length) =>
        Assert.Contains("WAV", Refused(ValidWav[..length]).Message);

    [Fact]
    public void A_wav_cut_inside_its_audio_is_refused_as_truncated()
    {
        var ex = Refused(ValidWav[..(ValidWav.Length - 1000)]);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void A_data_size_placeholder_from_a_streaming_writer_is_accepted()
    {
        var wav = TestWav.WithUInt32(ValidWav, TestWav.DataSizeOffset, 0xFFFFFFFF);
        Assert.Equal(24_000, Decoder.Decode(new MemoryStream(wav), OneMinute).Samples.Length);
    }

    [Fact]
    public void Zero_channels_is_refused() =>
        Assert.Contains("channels", Refused(TestWav.WithUInt16(ValidWav, TestWav.ChannelsOffset, 0)).Message);

    [Theory]
    [InlineData(0u)]
    [InlineData(100u)]
    [InlineData(10_000_000u)]
    [InlineData(uint.MaxValue)]
    public void Absurd_sample_rates_are_refused(uint rate) =>
        Refused(TestWav.WithUInt32(ValidWav, TestWav.SampleRateOffset, rate));

    [Fact]
    public void A_block_align_that_contradicts_the_format_is_refused() =>
        Assert.Contains("block align", Refused(TestWav.WithUInt16(ValidWav, TestWav.BlockAlignOffset, 3)).Message);

    [Fact]
    public void An_unsupported_sample_size_is_refused() =>
        Refused(TestWav.WithUInt16(TestWav.WithUInt16(ValidWav, TestWav.BitsOffset, 12), TestWav.BlockAlignOffset, 2));

    [Fact]
    public void A_compressed_wav_encoding_is_refused_with_a_hint()
    {
        // Format tag 2 = Microsoft ADPCM, which broadcasters are told to convert first.
        var ex = Refused(TestWav.WithUInt16(ValidWav, 20, 2));
        Assert.Contains("WAV", ex.Message);
    }

    [Fact]
    public void A_wav_without_data_chunk_is_refused()
    {
        var noData = TestWav.WithUInt32(ValidWav[..36], 4, 28);
        Assert.Contains("no data chunk", Refused(noData).Message);
    }

    [Fact]
    public void A_wav_with_an_empty_data_chunk_holds_no_audio() =>
        Assert.Contains("no audio", Refused(TestWav.WithUInt32(ValidWav[..TestWav.DataOffset], TestWav.DataSizeOffset, 0)).Message);

    [Fact]
    public void A_wav_longer_than_allowed_is_refused_before_decoding()
    {
        var ex = Refused(ValidWav, maxSamples: 23_999);
        Assert.Contains("lasts 0.5 s, longer than", ex.Message);
    }

    [Fact]
    public void An_id3_tag_without_any_audio_frame_is_refused()
    {
        var tag = new byte[] { (byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0, 0, 0, 10 }.Concat(new byte[10]).ToArray();
        Assert.Contains("MPEG", Refused(tag).Message);
    }

    [Fact]
    public void A_lone_frame_sync_followed_by_garbage_is_not_taken_for_mp3()
    {
        var bytes = new byte[2_000];
        new Random(3).NextBytes(bytes);
        new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(bytes, 0); // a valid MPEG-1 layer III header, then noise
        Assert.Contains("unrecognised", Refused(bytes).Message);
    }

    [Fact]
    public void A_failing_input_stream_surfaces_as_a_format_error()
    {
        var ex = Assert.Throws<AudioFormatException>(() => Decoder.Decode(new FailingStream(), OneMinute));
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public void A_forward_only_input_larger_than_the_buffer_cap_is_refused()
    {
        var small = new AudioFileDecoder(maxBufferedInputBytes: 1_000);
        var ex = Assert.Throws<AudioFormatException>(() => small.Decode(new ForwardOnlyStream(ValidWav), OneMinute));
        Assert.Contains("larger than", ex.Message);
    }

    [Fact]
    public void Fuzzed_wav_inputs_never_throw_anything_else() => Fuzz(ValidWav, seed: 1, iterations: 400);

    [FfmpegFact]
    public void Fuzzed_mp3_inputs_never_throw_anything_else()
    {
        Fuzz(AudioFileDecoder_Mp3_Tests.TaggedStereo.Value, seed: 2, iterations: 120);
        Fuzz(AudioFileDecoder_Mp3_Tests.BareMono.Value, seed: 3, iterations: 120);
    }

    /// <summary>
    /// Truncations, byte flips (biased to the headers, where parsers branch) and both: every outcome must be
    /// audio or an AudioFormatException, within a few seconds.
    /// </summary>
    private static void Fuzz(byte[] valid, int seed, int iterations)
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < iterations; i++)
        {
            var input = (byte[])valid.Clone();
            var mode = i % 3;
            if (mode is 0 or 2) input = input[..random.Next(0, input.Length)];
            if (mode is 1 or 2 && input.Length > 0)
            {
                var flips = random.Next(1, 9);
                for (var f = 0; f < flips; f++)
                {
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(64, input.Length)) : random.Next(input.Length);
                    input[at] ^= (byte)(1 << random.Next(8));
                }
            }

            var stopwatch = Stopwatch.StartNew();
            var task = Task.Run(() => Decoder.Decode(new MemoryStream(input), 10 * 48_000));
            Assert.True(Task.WaitAny([task], TimeSpan.FromSeconds(20)) == 0, $"iteration {i}: decoding did not finish within 20 s");
            var outcome = task.IsFaulted ? task.Exception!.InnerException! : null;
            if (outcome is not null && outcome is not AudioFormatException)
                Assert.Fail($"iteration {i} ({input.Length} bytes): {outcome.GetType().Name}: {outcome}");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"iteration {i} took {stopwatch.Elapsed}");
            var key = outcome is null ? "decoded" : "refused";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
        // Both outcomes must occur, or the fuzzer is not reaching the decoders.
        Assert.True(outcomes.GetValueOrDefault("decoded") > 0, "no fuzzed input decoded");
        Assert.True(outcomes.GetValueOrDefault("refused") > 0, "no fuzzed input was refused");
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
