using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>Normalize, cut, speak with the real espeak-ng, join.</summary>
public sealed class SpeechSynthesizer_Tests
{
    internal static (SpeechSynthesizer Synthesizer, CountingEngine Engine) Create(int maxChunk = 400, int pauseMs = 350)
    {
        var engine = new CountingEngine(new EspeakNgEngine(Options.Create(new EspeakNgOptions()), new AudioFileDecoder()));
        var synth = new SpeechSynthesizer(engine, Options.Create(new SpeechOptions { MaxChunkCharacters = maxChunk, SentencePauseMs = pauseMs }),
            new CapturingLogger<SpeechSynthesizer>());
        return (synth, engine);
    }

    [Fact]
    public async Task The_engine_hears_normalized_text()
    {
        var (synth, engine) = Create();
        var audio = await synth.SynthesizeAsync("Lúc 15h30 ngày 2/9, UBND xã họp.", TtsVoice.Northern, 1.0, CancellationToken.None);
        Assert.Equal(["Lúc mười lăm giờ ba mươi phút ngày hai tháng chín, ủy ban nhân dân xã họp."], engine.Texts);
        Assert.True(SpeechAudio.Rms(audio) > 0.02);
        Assert.Contains("espeak-ng", audio.SourceFormat);
    }

    [Fact]
    public async Task A_long_bulletin_is_spoken_in_chunks_joined_by_pauses()
    {
        var (synth, engine) = Create(maxChunk: 120, pauseMs: 500);
        const string text = "Bão số 3 đang di chuyển vào đất liền. Bà con cần chằng chống nhà cửa, di dời người già và trẻ em đến nơi an toàn. " +
                            "Không ra khơi trong những ngày tới. Mọi thông tin liên hệ UBND xã.";
        var whole = await synth.SynthesizeAsync(text, TtsVoice.Central, 1.0, CancellationToken.None);

        Assert.True(engine.Calls >= 2, $"{engine.Calls} chunks");
        var parts = new List<DecodedAudio>();
        foreach (var chunk in engine.Texts.ToArray()) parts.Add(await new EspeakNgEngine(Options.Create(new EspeakNgOptions()), new AudioFileDecoder()).RenderAsync(chunk, TtsVoice.Central, 1.0, CancellationToken.None));
        var expected = parts.Sum(p => p.Samples.Length) + (parts.Count - 1) * 24_000;
        Assert.Equal(expected, whole.Samples.Length);
        Assert.InRange(whole.Duration.TotalSeconds, 10, 40);
    }

    [Fact]
    public async Task Nothing_to_say_and_bad_speed_are_refused_before_the_engine_runs()
    {
        var (synth, engine) = Create();
        var empty = await Assert.ThrowsAsync<SpeechSynthesisException>(() => synth.SynthesizeAsync(" *** ", TtsVoice.Northern, 1.0, CancellationToken.None));
        Assert.StartsWith("nothing to say", empty.Message);
        await Assert.ThrowsAsync<SpeechSynthesisException>(() => synth.SynthesizeAsync("xin chào", TtsVoice.Northern, 3.0, CancellationToken.None));
        await Assert.ThrowsAsync<SpeechSynthesisException>(() => synth.SynthesizeAsync("xin chào", (TtsVoice)9, 1.0, CancellationToken.None));
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task An_engine_failure_surfaces_as_a_speech_synthesis_exception()
    {
        var (synth, engine) = Create();
        engine.FailWith = "engine broke";
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() => synth.SynthesizeAsync("xin chào", TtsVoice.Northern, 1.0, CancellationToken.None));
        Assert.Equal("engine broke", e.Message);
    }
}
