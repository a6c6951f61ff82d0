using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Tests.Audio;

public sealed class AudioFileDecoder_Mp3_Tests
{
    private static readonly AudioFileDecoder Decoder = new();

    /// <summary>2 s of a 1 kHz tone (ffmpeg's sine source, amplitude 1/8), stereo 44.1 kHz, 128 kbps, ID3v2 tag and LAME header.</summary>
    internal static readonly Lazy<byte[]> TaggedStereo = new(() => Ffmpeg.Make("mp3",
        "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=2",
        "-af", "pan=stereo|c0=c0|c1=c0", // ffmpeg's own mono-to-stereo upmix would lower the level by 3 dB
        "-c:a", "libmp3lame", "-b:a", "128k", "{out}"));

    /// <summary>1 s of a 1 kHz tone, mono 22.05 kHz (MPEG-2), no tag and no Xing/LAME frame: the file starts with a frame sync.</summary>
    internal static readonly Lazy<byte[]> BareMono = new(() => Ffmpeg.Make("mp3",
        "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=22050:duration=1",
        "-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "{out}"));

    [FfmpegFact]
    public void A_tagged_stereo_mp3_decodes_to_its_duration_and_tone()
    {
        var bytes = TaggedStereo.Value;
        Assert.Equal("ID3"u8.ToArray(), bytes[..3]);

        var decoded = Decoder.Decode(new MemoryStream(bytes), 60 * 48_000);

        Assert.Equal("MP3 (MPEG-1 Layer III) 44100 Hz 2 ch", decoded.SourceFormat);
        // NLayer 3.0.1 does not apply the LAME header's gapless info: the encoder delay and the padding of the last
        // frame stay in, less than two 1152-sample frames (52 ms) in all.
        Assert.InRange(decoded.Duration.TotalSeconds, 2.0, 2.053);
        AssertTone(decoded.Samples, 1_000, 0.125);
    }

    [FfmpegFact]
    public void A_bare_mpeg2_mp3_is_recognised_by_its_frame_sync()
    {
        var bytes = BareMono.Value;
        Assert.Equal(0xFF, bytes[0]);

        var decoded = Decoder.Decode(new MemoryStream(bytes), 60 * 48_000);

        Assert.Equal("MP3 (MPEG-2 Layer III) 22050 Hz 1 ch", decoded.SourceFormat);
        // Without a LAME header the encoder delay and padding stay in: up to ~2 frames of 576 samples more.
        Assert.InRange(decoded.Duration.TotalSeconds, 1.0, 1.12);
        AssertTone(decoded.Samples, 1_000, 0.125);
    }

    [FfmpegFact]
    public void An_mp3_read_from_a_forward_only_stream_decodes_the_same()
    {
        var fromMemory = Decoder.Decode(new MemoryStream(TaggedStereo.Value), 60 * 48_000);
        var fromForwardOnly = Decoder.Decode(new ForwardOnlyStream(TaggedStereo.Value), 60 * 48_000);
        Assert.Equal(fromMemory.Samples, fromForwardOnly.Samples);
    }

    [FfmpegFact]
    public void An_mp3_longer_than_allowed_is_refused()
    {
        var ex = Assert.Throws<AudioFormatException>(() => Decoder.Decode(new MemoryStream(TaggedStereo.Value), 48_000));
        Assert.Contains("longer than", ex.Message);
    }

    /// <summary>The middle second must be a clean tone of that frequency and level.</summary>
    private static void AssertTone(float[] samples, double frequency, double amplitude)
    {
        var middle = samples.AsSpan(samples.Length / 2 - 12_000, 24_000);
        var tone = TestSignals.Sine(frequency, amplitude, 48_000, 24_000);
        var alignment = SignalCorrelation.BestAlignment(tone, middle, 48);
        Assert.True(alignment.Correlation > 0.98, $"correlation with a {frequency} Hz tone: {alignment.Correlation:F4}");
        Assert.InRange(TestSignals.Rms(middle), amplitude / Math.Sqrt(2) * 0.9, amplitude / Math.Sqrt(2) * 1.1);
    }
}
