using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>Renderings in the real media library and LiteDB, spoken by the real espeak-ng.</summary>
public sealed class BulletinRenderings_Tests : IDisposable
{
    private const string Text = "UBND xã thông báo: 15h30 ngày 2/9 họp tại nhà văn hóa.";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MediaLibrary _library;
    private readonly CountingEngine _engine;
    private readonly BulletinRenderings _renderings;

    public BulletinRenderings_Tests()
    {
        _library = new MediaLibrary(_db.Database, _db.Storage, Options.Create(new MediaOptions()), new AudioFileDecoder(), _time, new CapturingLogger<MediaLibrary>());
        (var synth, _engine) = SpeechSynthesizer_Tests.Create();
        _renderings = new BulletinRenderings(_library, synth, _db.Database, Options.Create(new SpeechOptions { RenderOnMissTimeoutSeconds = 30 }), _time,
            new CapturingLogger<BulletinRenderings>());
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_bulletin_is_rendered_once_into_a_playable_media_item()
    {
        var first = await _renderings.GetOrRenderAsync(Text, TtsVoice.Northern, 1.0, "TTS: họp", "tts", CancellationToken.None);
        var again = await _renderings.GetOrRenderAsync(Text, TtsVoice.Northern, 1.0, "TTS: họp", "tts", CancellationToken.None);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, _engine.Calls);
        Assert.Equal("wav", first.Format);
        Assert.Equal("TTS: họp", first.Title);
        var audio = _library.TryLoad(first.Id)!;
        Assert.True(SpeechAudio.Rms(audio) > 0.02);
        Assert.InRange(audio.Duration.TotalSeconds, 3, 20);
        Assert.Equal(first.Id, _renderings.FindCached(Text, TtsVoice.Northern, 1.0)?.Id);
    }

    [Fact]
    public async Task Voice_speed_and_text_each_make_a_different_rendering_and_spelling_variants_do_not()
    {
        var key = _renderings.KeyOf(Text, TtsVoice.Northern, 1.0);
        Assert.NotEqual(key, _renderings.KeyOf(Text, TtsVoice.Southern, 1.0));
        Assert.NotEqual(key, _renderings.KeyOf(Text, TtsVoice.Northern, 1.25));
        Assert.NotEqual(key, _renderings.KeyOf(Text + " Xin cảm ơn.", TtsVoice.Northern, 1.0));
        // The same words after normalization are the same speech.
        Assert.Equal(key, _renderings.KeyOf("UBND xã thông báo: 15:30 ngày 2/9 họp tại nhà văn hóa.", TtsVoice.Northern, 1.0));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_requests_share_one_render()
    {
        var tasks = Enumerable.Range(0, 4).Select(_ => _renderings.GetOrRenderAsync(Text, TtsVoice.Central, 1.0, "TTS", "tts", CancellationToken.None)).ToArray();
        var items = await Task.WhenAll(tasks);
        Assert.Single(items.Select(i => i.Id).Distinct());
        Assert.Equal(1, _engine.Calls);
    }

    [Fact]
    public async Task A_deleted_rendering_is_rendered_again()
    {
        var first = await _renderings.GetOrRenderAsync(Text, TtsVoice.Northern, 1.0, "TTS", "tts", CancellationToken.None);
        Assert.True(_library.Delete(first.Id, _ => []));
        Assert.Null(_renderings.FindCached(Text, TtsVoice.Northern, 1.0));
        var second = await _renderings.GetOrRenderAsync(Text, TtsVoice.Northern, 1.0, "TTS", "tts", CancellationToken.None);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, _engine.Calls);
    }

    [Fact]
    public void The_program_loader_airs_a_bulletin_from_its_rendering_and_says_why_when_it_cannot()
    {
        var loader = new ProgramAudioLoader(_library, _renderings);
        var program = Program(new TtsBulletinContent(Text, TtsVoice.Southern, 1.2));

        var (audio, problem) = loader.Load(program);
        Assert.Null(problem);
        Assert.NotNull(audio);
        Assert.InRange(audio.SampleCount / 48_000.0, 2, 20);
        Assert.Equal(1, _engine.Calls);
        Assert.NotNull(loader.Load(program).Audio);
        Assert.Equal(1, _engine.Calls); // cached

        _engine.FailWith = "espeak-ng is broken";
        var (none, why) = loader.Load(Program(new TtsBulletinContent("Một bản tin khác.", TtsVoice.Northern)));
        Assert.Null(none);
        Assert.Equal("the TTS bulletin could not be rendered: espeak-ng is broken", why);

        var (noSpeech, reason) = new ProgramAudioLoader(_library).Load(program);
        Assert.Null(noSpeech);
        Assert.Contains("text-to-speech is not available", reason);
    }

    [Fact]
    public async Task The_prerenderer_renders_catalog_bulletins_ahead_and_does_not_retry_failures_at_once()
    {
        var catalog = new LiteDbSchedulingCatalog(_db.Database, new CapturingLogger<LiteDbSchedulingCatalog>());
        catalog.AddProgram(Program(new TtsBulletinContent(Text, TtsVoice.Northern)) with { Id = "tts1" });
        catalog.AddProgram(Program(new TtsBulletinContent("Bản tin thứ hai.", TtsVoice.Central)) with { Id = "tts2" });
        var prerenderer = new BulletinPrerenderer(catalog, _renderings, _time, new CapturingLogger<BulletinPrerenderer>());

        Assert.Equal(2, await prerenderer.RenderMissingAsync(CancellationToken.None));
        Assert.NotNull(_renderings.FindCached(Text, TtsVoice.Northern, 1.0));
        Assert.NotNull(_renderings.FindCached("Bản tin thứ hai.", TtsVoice.Central, 1.0));
        var calls = _engine.Calls;
        Assert.Equal(2, await prerenderer.RenderMissingAsync(CancellationToken.None));
        Assert.Equal(calls, _engine.Calls);

        catalog.AddProgram(Program(new TtsBulletinContent("Bản tin lỗi.", TtsVoice.Central)) with { Id = "tts3" });
        _engine.FailWith = "down";
        Assert.Equal(2, await prerenderer.RenderMissingAsync(CancellationToken.None));
        Assert.Equal(calls + 1, _engine.Calls);
        Assert.Equal(2, await prerenderer.RenderMissingAsync(CancellationToken.None));
        Assert.Equal(calls + 1, _engine.Calls); // not before RetryAfter
        _engine.FailWith = null;
        _time.Advance(BulletinPrerenderer.RetryAfter);
        Assert.Equal(3, await prerenderer.RenderMissingAsync(CancellationToken.None));
    }

    private static BroadcastProgram Program(TtsBulletinContent content) => new()
    {
        Id = "bulletin",
        Title = "Thông báo họp",
        Content = content,
        Class = PriorityClass.Normal,
        Origin = OriginLevel.Commune,
        Author = "lan",
        Duration = TimeSpan.FromSeconds(30),
    };
}
