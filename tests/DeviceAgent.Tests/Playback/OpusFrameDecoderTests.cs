using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class OpusFrameDecoderTests
{
    private static OpusFrameDecoder NewDecoder() => new(useNativeLibrary: false, NullLogger.Instance);

    [Fact]
    public void Decodes_real_opus_frames_to_the_frame_duration()
    {
        using var decoder = NewDecoder();
        var frames = OpusStream.Encode(OpusStream.Sine(960 * 10, 440));
        var pcm = new short[960];
        var loud = 0;
        foreach (var frame in frames)
        {
            Assert.True(decoder.Decode(frame, pcm));
            if (OpusStream.Rms(pcm) > 3000) loud++;
        }
        Assert.Equal(10, decoder.Decoded);
        Assert.True(loud >= 8, $"only {loud} of 10 frames carry the sine");
        Assert.Contains("Concentus", decoder.Implementation, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Frames_of_at_most_one_byte_are_concealed(int length)
    {
        using var decoder = NewDecoder();
        var pcm = new short[960];
        foreach (var frame in OpusStream.Encode(OpusStream.Sine(960 * 5, 440))) decoder.Decode(frame, pcm);

        Array.Fill(pcm, (short)12345);
        Assert.False(decoder.Decode(new byte[length], pcm));
        Assert.Equal(1, decoder.Concealed);
        Assert.DoesNotContain((short)12345, pcm);
        Assert.True(OpusStream.Rms(pcm) > 100, "concealment after a sine should continue it, not be silent");
    }

    [Fact]
    public void Garbage_never_throws_and_always_yields_the_frame_duration()
    {
        using var decoder = NewDecoder();
        var random = new Random(7);
        var pcm = new short[960];
        for (var i = 0; i < 2_000; i++)
        {
            var garbage = new byte[random.Next(2, 300)];
            random.NextBytes(garbage);
            decoder.Decode(garbage, pcm);
        }
        Assert.Equal(2_000, decoder.Decoded + decoder.Concealed);
        Assert.True(decoder.Errors > 0, "random bytes should hit the error path at least once");
        Assert.True(decoder.Concealed >= decoder.Errors);
    }

    [Fact]
    public void A_frame_of_another_duration_is_concealed_to_keep_the_timeline()
    {
        using var decoder = NewDecoder();
        var twentyMs = OpusStream.Encode(OpusStream.Sine(960, 440))[0];
        var pcm = new short[480]; // the session says 10 ms frames
        Assert.False(decoder.Decode(twentyMs, pcm));
        Assert.Equal(1, decoder.Errors);
    }

    [Fact]
    public void Concealment_of_a_size_opus_cannot_conceal_is_silence()
    {
        using var decoder = NewDecoder();
        var pcm = new short[120];
        Array.Fill(pcm, (short)5);
        decoder.Conceal(pcm);
        Assert.All(pcm, s => Assert.Equal(0, s));
    }
}
