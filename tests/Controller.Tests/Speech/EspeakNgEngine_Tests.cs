using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>The built-in engine, running the real espeak-ng.</summary>
public sealed class EspeakNgEngine_Tests
{
    private const string Sentence = "Ủy ban nhân dân xã thông báo: mười lăm giờ ba mươi phút ngày hai tháng chín, bà con tập trung tại nhà văn hóa thôn.";

    private static EspeakNgEngine Engine(Action<EspeakNgOptions>? configure = null)
    {
        var options = new EspeakNgOptions();
        configure?.Invoke(options);
        return new EspeakNgEngine(Options.Create(options), new AudioFileDecoder());
    }

    [Theory]
    [InlineData(TtsVoice.Northern)]
    [InlineData(TtsVoice.Central)]
    [InlineData(TtsVoice.Southern)]
    public async Task Each_voice_speaks_audible_Vietnamese_of_the_expected_length(TtsVoice voice)
    {
        var audio = await Engine().RenderAsync(Sentence, voice, 1.0, CancellationToken.None);

        Assert.Equal(DecodedAudio.SampleRate, (int)(audio.Samples.Length / audio.Duration.TotalSeconds + 0.5));
        Assert.True(SpeechAudio.Rms(audio) > 0.02, $"RMS {SpeechAudio.Rms(audio):F4}: speech should not be silent");
        Assert.True(SpeechAudio.VoicedFraction(audio) > 0.4, $"only {SpeechAudio.VoicedFraction(audio):P0} of the audio is voiced");
        // 27 syllables at 150 words (syllables) a minute, plus pauses at the punctuation: about 9-12 s.
        Assert.InRange(audio.Duration.TotalSeconds, 6, 16);
    }

    [Fact]
    public async Task Speed_one_and_a_half_renders_shorter_than_normal_speed()
    {
        var engine = Engine();
        var normal = await engine.RenderAsync(Sentence, TtsVoice.Northern, 1.0, CancellationToken.None);
        var fast = await engine.RenderAsync(Sentence, TtsVoice.Northern, 1.5, CancellationToken.None);
        var slow = await engine.RenderAsync(Sentence, TtsVoice.Northern, 0.75, CancellationToken.None);

        Assert.True(fast.Duration < normal.Duration * 0.85, $"fast {fast.Duration.TotalSeconds:F2} s vs normal {normal.Duration.TotalSeconds:F2} s");
        Assert.True(slow.Duration > normal.Duration * 1.15, $"slow {slow.Duration.TotalSeconds:F2} s vs normal {normal.Duration.TotalSeconds:F2} s");
        Assert.Equal(225, engine.WordsPerMinute(1.5));
    }

    [Fact]
    public async Task Text_that_looks_like_options_is_spoken_not_obeyed()
    {
        // On the command line this would print help and no audio; on stdin it is words.
        var audio = await Engine().RenderAsync("--help -v en", TtsVoice.Northern, 1.0, CancellationToken.None);
        Assert.True(SpeechAudio.Rms(audio) > 0.01);
    }

    [Fact]
    public async Task A_missing_program_or_voice_is_a_clear_error()
    {
        var missing = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine(o => o.Executable = "/nonexistent/espeak-ng").RenderAsync("xin chào", TtsVoice.Northern, 1.0, CancellationToken.None));
        Assert.Contains("could not start", missing.Message);

        var voice = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine(o => o.CentralVoice = "zzvoice").RenderAsync("xin chào", TtsVoice.Central, 1.0, CancellationToken.None));
        Assert.Contains("exit code", voice.Message);
        Assert.Contains("voice does not exist", voice.Message); // espeak-ng's own stderr
    }

    [Fact]
    public async Task A_hung_engine_is_killed_at_its_timeout_and_on_cancel()
    {
        using var dir = new TempDirectory();
        var script = Path.Combine(dir.Path, "hang.sh");
        var pidFile = Path.Combine(dir.Path, "pid");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho $$ > {pidFile}\nexec sleep 60\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<SpeechSynthesisException>(() =>
            Engine(o => { o.Executable = script; o.TimeoutSeconds = 1; }).RenderAsync("xin chào", TtsVoice.Northern, 1.0, CancellationToken.None));
        Assert.Contains("longer than 1 s", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await AssertGoneAsync(pidFile);

        File.Delete(pidFile);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Engine(o => o.Executable = script).RenderAsync("xin chào", TtsVoice.Northern, 1.0, cts.Token));
        await AssertGoneAsync(pidFile);
    }

    [Fact]
    public async Task Empty_text_is_refused() =>
        await Assert.ThrowsAsync<SpeechSynthesisException>(() => Engine().RenderAsync("  ", TtsVoice.Northern, 1.0, CancellationToken.None));

    private static async Task AssertGoneAsync(string pidFile)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!File.Exists(pidFile) && DateTime.UtcNow < deadline) await Task.Delay(20);
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim());
        while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"process {pid} still runs");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }
}
