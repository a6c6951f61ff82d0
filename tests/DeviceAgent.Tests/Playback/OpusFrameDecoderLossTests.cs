using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>Lost frames rebuilt from in-band FEC, and DTX silence, on real Opus streams (managed and native libopus).</summary>
public sealed class OpusFrameDecoderLossTests(ITestOutputHelper output)
{
    private const int Fs = OpusStream.FrameSamples;
    private static readonly short[] Speech = VoicedSignal.ToPcm16(VoicedSignal.Generate(48_000 * 10, seed: 5));

    /// <summary>Decodes every frame; the frames in <paramref name="lost"/> never arrived and are rebuilt or concealed.</summary>
    private static (short[] Pcm, OpusFrameDecoder Decoder) Play(IReadOnlyList<byte[]> frames, ISet<int> lost, bool useFec, bool native)
    {
        var decoder = new OpusFrameDecoder(native, NullLogger.Instance);
        var pcm = new short[frames.Count * Fs];
        for (var i = 0; i < frames.Count; i++)
        {
            var slot = pcm.AsSpan(i * Fs, Fs);
            if (!lost.Contains(i)) decoder.Decode(frames[i], slot);
            else if (useFec && i + 1 < frames.Count && !lost.Contains(i + 1)) decoder.Recover(frames[i + 1], slot);
            else decoder.Conceal(slot);
        }
        return (pcm, decoder);
    }

    /// <summary>Correlation with the loss-free decode over the lost frames only, glued together.</summary>
    private static double CorrelationOverLost(short[] reference, short[] played, IEnumerable<int> lost)
    {
        var a = new List<short>();
        var b = new List<short>();
        foreach (var i in lost.Order())
        {
            a.AddRange(reference.AsSpan(i * Fs, Fs).ToArray());
            b.AddRange(played.AsSpan(i * Fs, Fs).ToArray());
        }
        return VoicedSignal.Correlation(a.ToArray(), b.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_lost_frame_is_rebuilt_from_the_next_frames_fec_better_than_by_concealment(bool native)
    {
        var frames = OpusStream.EncodeSpeech(Speech, expectedLossPercent: 10, nativeEncoder: native);
        var lost = new HashSet<int>(Enumerable.Range(1, frames.Count / 7 - 1).Select(k => k * 7)); // 14% isolated losses
        var (reference, _) = Play(frames, new HashSet<int>(), useFec: false, native);

        var (concealed, plc) = Play(frames, lost, useFec: false, native);
        var (recovered, fec) = Play(frames, lost, useFec: true, native);

        var plcCorrelation = CorrelationOverLost(reference, concealed, lost);
        var fecCorrelation = CorrelationOverLost(reference, recovered, lost);
        var plcWhole = VoicedSignal.Correlation(reference, concealed);
        var fecWhole = VoicedSignal.Correlation(reference, recovered);
        output.WriteLine($"{fec.Implementation}: lost frames vs loss-free decode: PLC {plcCorrelation:F3}, FEC {fecCorrelation:F3}; whole stream: PLC {plcWhole:F3}, FEC {fecWhole:F3}");

        Assert.Equal(lost.Count, fec.Recovered);
        Assert.Equal((0L, 0L), (fec.Concealed, fec.Errors));
        Assert.Equal(lost.Count, plc.Concealed);
        Assert.True(fecCorrelation > 0.8, $"FEC correlation {fecCorrelation:F3}");
        Assert.True(fecCorrelation > plcCorrelation + 0.1, $"FEC {fecCorrelation:F3} should beat PLC {plcCorrelation:F3} clearly");
        Assert.True(fecWhole > plcWhole);
        plc.Dispose();
        fec.Dispose();
    }

    [Fact]
    public void Without_fec_in_the_stream_recovery_is_no_worse_than_concealment()
    {
        var frames = OpusStream.EncodeSpeech(Speech);
        var lost = new HashSet<int> { 50, 120, 300 };
        var (reference, _) = Play(frames, new HashSet<int>(), useFec: false, native: false);

        var (concealed, _) = Play(frames, lost, useFec: false, native: false);
        var (recovered, decoder) = Play(frames, lost, useFec: true, native: false);

        // Opus conceals by itself when the next frame has no FEC data: the same output as asking for concealment.
        Assert.Equal(CorrelationOverLost(reference, concealed, lost), CorrelationOverLost(reference, recovered, lost), 3);
        Assert.Equal(0, decoder.Errors);
        decoder.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Recovering_from_a_next_frame_too_short_to_carry_fec_conceals(int length)
    {
        using var decoder = new OpusFrameDecoder(false, NullLogger.Instance);
        var pcm = new short[Fs];
        foreach (var frame in OpusStream.EncodeSpeech(Speech[..(Fs * 10)])) decoder.Decode(frame, pcm);

        Assert.False(decoder.Recover(new byte[length], pcm));
        Assert.Equal((0L, 1L, 0L), (decoder.Recovered, decoder.Concealed, decoder.Errors));
    }

    [Fact]
    public void Recovering_from_garbage_conceals_and_counts_the_error()
    {
        using var decoder = new OpusFrameDecoder(false, NullLogger.Instance);
        var pcm = new short[Fs];
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var garbage = new byte[random.Next(2, 200)];
            random.NextBytes(garbage);
            decoder.Recover(garbage, pcm);
        }
        Assert.Equal(500, decoder.Recovered + decoder.Concealed);
        Assert.True(decoder.Errors > 0);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Dtx_silence_is_concealed_without_errors_and_speech_after_it_decodes(bool nativeEncoder, bool nativeDecoder)
    {
        // 3 s of speech, 3 s of digital silence, 3 s of speech.
        var pcm = new short[48_000 * 9];
        Speech.AsSpan(0, 48_000 * 3).CopyTo(pcm);
        Speech.AsSpan(48_000 * 3, 48_000 * 3).CopyTo(pcm.AsSpan(48_000 * 6));
        var frames = OpusStream.EncodeSpeech(pcm, dtx: true, nativeEncoder: nativeEncoder);
        var tiny = frames.Count(f => f.Length <= 2);
        var bare = frames.Count(f => f.Length <= 1);
        output.WriteLine($"{frames.Count} frames, {tiny} of at most 2 bytes, {bare} of 1 byte, {frames.Sum(f => f.Length)} bytes in all");
        Assert.True(tiny >= 100, $"DTX should shrink most of the 150 silent frames, got {tiny}");

        using var decoder = new OpusFrameDecoder(nativeDecoder, NullLogger.Instance);
        var played = new short[frames.Count * Fs];
        for (var i = 0; i < frames.Count; i++) decoder.Decode(frames[i], played.AsSpan(i * Fs, Fs));

        Assert.Equal(0, decoder.Errors);
        Assert.Equal(bare, decoder.Concealed);
        Assert.True(OpusStream.Rms(played.AsSpan(48_000 * 4, 48_000)) < 100, "the silence stays quiet");
        // The speech after the silence decodes as well as the speech before it (Opus delays by its look-ahead).
        var lag = 312;
        var before = VoicedSignal.Correlation(pcm.AsSpan(0, 48_000 * 3 - lag), played.AsSpan(lag, 48_000 * 3 - lag));
        var after = VoicedSignal.Correlation(pcm.AsSpan(48_000 * 6, 48_000 * 3 - lag), played.AsSpan(48_000 * 6 + lag, 48_000 * 3 - lag));
        output.WriteLine($"correlation before the silence {before:F3}, after {after:F3}");
        Assert.True(after > 0.8 && after > before - 0.05, $"before {before:F3}, after {after:F3}");
    }
}
