using System.Runtime.InteropServices;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>The playout with the codec features a speech profile may switch on: in-band FEC and DTX.</summary>
public sealed class PlayoutEngineCodecTests(ITestOutputHelper output)
{
    private const int Fs = OpusStream.FrameSamples;

    [Fact]
    public void A_missing_frame_whose_successor_arrived_is_rebuilt_from_its_fec_better_than_one_concealed()
    {
        var speech = VoicedSignal.ToPcm16(VoicedSignal.Generate(48_000 * 4, seed: 9));
        var frames = OpusStream.EncodeSpeech(speech, expectedLossPercent: 10);
        // Single losses, each rebuilt from its successor's FEC; and pairs, whose first frame can only be concealed
        // (its successor is lost too). Both follow cleanly decoded audio, so they compare fairly.
        var singles = Enumerable.Range(1, 9).Select(k => k * 20).ToArray();
        var pairs = singles.Select(n => n + 10).ToArray();
        var missing = singles.Concat(pairs).Concat(pairs.Select(n => n + 1)).ToHashSet();
        var reference = new short[frames.Count * Fs];
        using (var decoder = new OpusFrameDecoder(false, NullLogger.Instance))
            for (var i = 0; i < frames.Count; i++) decoder.Decode(frames[i], reference.AsSpan(i * Fs, Fs));

        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("lossy", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, frames, framesPerPacket: 1).Where((_, i) => !missing.Contains(i)));
        rig.Run(TimeSpan.FromSeconds(5.1));

        var played = CollectionsMarshal.AsSpan(Assert.Single(rig.Sink.Takes).Samples);
        Assert.Equal(reference.Length, played.Length);
        double Over(IEnumerable<int> indices)
        {
            var a = indices.SelectMany(i => reference.AsSpan(i * Fs, Fs).ToArray()).ToArray();
            var b = indices.SelectMany(i => rig.Sink.Takes[0].Samples.GetRange(i * Fs, Fs)).ToArray();
            return VoicedSignal.Correlation(a, b);
        }
        var concealed = Over(pairs);
        var rebuilt = Over(singles);
        output.WriteLine($"correlation with the loss-free decode: concealed frames {concealed:F3}, FEC-rebuilt frames {rebuilt:F3}");

        Assert.True(rebuilt > 0.8, $"FEC-rebuilt frames correlate {rebuilt:F3}");
        Assert.True(rebuilt > concealed + 0.1, $"FEC {rebuilt:F3} should beat concealment {concealed:F3}");
        Assert.Equal(missing.Count, rig.Engine.Snapshot().Underruns); // rebuilt or not, they were missing in time
    }

    [Fact]
    public void A_dtx_stream_plays_its_silence_as_concealment_without_underruns()
    {
        var speech = VoicedSignal.ToPcm16(VoicedSignal.Generate(48_000 * 2, seed: 4));
        var pcm = new short[48_000 * 5]; // 1 s speech, 3 s silence, 1 s speech
        speech.AsSpan(0, 48_000).CopyTo(pcm);
        speech.AsSpan(48_000, 48_000).CopyTo(pcm.AsSpan(48_000 * 4));
        var frames = OpusStream.EncodeSpeech(pcm, dtx: true);
        Assert.True(frames.Count(f => f.Length <= 1) > 100, "the silence should be sent as 1-byte DTX frames");

        using var rig = new EngineRig();
        rig.Engine.SetSession(EngineRig.Session("quiet", rig.ControllerNowUs));
        rig.Feed(OpusStream.Packetize(7, frames));
        rig.Run(TimeSpan.FromSeconds(6.1));

        var take = Assert.Single(rig.Sink.Takes);
        Assert.Equal(pcm.Length, take.Samples.Count);
        Assert.Equal(0, rig.Engine.Snapshot().Underruns); // sent as DTX, not missing
        var played = CollectionsMarshal.AsSpan(take.Samples);
        Assert.True(OpusStream.Rms(played.Slice(48_000 * 2, 48_000)) < 100, "the silence stays quiet");
        Assert.True(OpusStream.Rms(played.Slice(48_000 * 4 + 4_800, 38_400)) > 1_000, "the speech after the silence plays");
        Assert.Single(rig.EventsOf(Protocol.Messages.DeviceEventType.PlayFinished));
    }
}
