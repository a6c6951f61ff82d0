using System.Net;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Speech;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;
using Microsoft.Extensions.DependencyInjection;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Vietnamese text-to-speech through the running controller, spoken by the real espeak-ng.</summary>
public sealed class Tts_EndToEnd_Tests : CalendarTestBase
{
    private ApiClient Broadcaster => Controller.As("bc");

    [Fact]
    public async Task Posting_text_stores_a_playable_speech_item_in_the_media_library()
    {
        var item = await ApiClient.Ok(await Broadcaster.PostAsync("/api/tts", new
        {
            title = "Thông báo họp", text = "UBND xã thông báo: 15h30 ngày 2/9 họp tại nhà văn hóa thôn.", voice = "southern", speed = 1.2,
        }));
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal("Thông báo họp", item.GetProperty("title").GetString());
        Assert.Equal("wav", item.GetProperty("format").GetString());
        Assert.Equal("bc", item.GetProperty("uploader").GetString());
        Assert.InRange(item.GetProperty("durationSeconds").GetDouble(), 2, 20);
        Assert.Equal(id, (await Controller.As("viewer").GetJsonAsync($"/api/media/{id}")).GetProperty("id").GetString());

        await using var file = File.OpenRead(Path.Combine(Controller.DataDir, "media", id + ".wav"));
        var audio = new AudioFileDecoder().Decode(file, long.MaxValue);
        Assert.True(Math.Sqrt(audio.Samples.Average(s => (double)s * s)) > 0.02, "the stored speech is audible");

        // It airs like any other item: an audio-file program takes its duration.
        var program = await Broadcaster.PostOkAsync("/api/programs", new { id = "hop", title = "Họp", kind = "audio-file", mediaId = id });
        Assert.True(program.GetProperty("durationSeconds").GetInt32() >= 2);
    }

    [Fact]
    public async Task The_preview_shows_how_the_text_will_be_read()
    {
        var preview = await ApiClient.Ok(await Controller.As("viewer").PostAsync("/api/tts/normalize", new { text = "15h30 ngày 2/9", voice = "northern" }));
        Assert.Equal("mười lăm giờ ba mươi phút ngày hai tháng chín", preview.GetProperty("normalized").GetString());
        Assert.Single(preview.GetProperty("chunks").EnumerateArray());
        var southern = await ApiClient.Ok(await Controller.As("viewer").PostAsync("/api/tts/normalize", new { text = "105", voice = "southern" }));
        Assert.Equal("một trăm lẻ năm", southern.GetProperty("normalized").GetString());
    }

    [Fact]
    public async Task Bad_requests_are_problems_and_only_broadcasters_render()
    {
        await AssertProblem(await Broadcaster.PostAsync("/api/tts", new { title = "x" }), HttpStatusCode.BadRequest, "text is empty");
        await AssertProblem(await Broadcaster.PostAsync("/api/tts", new { text = "xin chào", voice = "western" }), HttpStatusCode.BadRequest, "voice");
        await AssertProblem(await Broadcaster.PostAsync("/api/tts", new { text = "xin chào", speed = 5 }), HttpStatusCode.BadRequest, "speed");
        await AssertProblem(await Broadcaster.PostAsync("/api/tts", new { text = "*** ### ***" }), HttpStatusCode.BadRequest, "nothing to say");
        await AssertProblem(await Broadcaster.PostRawAsync("/api/tts", "text=abc", "text/plain"), HttpStatusCode.UnsupportedMediaType, "json");
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("viewer").PostAsync("/api/tts", new { text = "xin chào" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Controller.Anonymous().PostAsync("/api/tts", new { text = "xin chào" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Controller.Anonymous().PostAsync("/api/tts/normalize", new { text = "xin chào" })).StatusCode);
        Assert.Empty((await Controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray());
    }

    [Fact]
    public void The_synthesizer_contract_resolves_for_other_parts()
    {
        var synthesizer = Controller.Services.GetRequiredService<ISpeechSynthesizer>();
        Assert.IsType<SpeechSynthesizer>(synthesizer);
        Assert.Same(Controller.Services.GetRequiredService<SpeechSynthesizer>(), synthesizer);
    }
}

/// <summary>
/// A TTS bulletin program scheduled through the API: rendered ahead into the media library, it sounds at its slot on
/// a real speaker, all of it, and the ledger lists it on time.
/// </summary>
public sealed class Scheduled_Tts_Bulletin_Tests
{
    [Fact]
    public async Task A_scheduled_tts_bulletin_is_rendered_ahead_and_airs_at_its_slot()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, null,
            [.. CalendarUsers.Args(), "--Scheduling:Runtime:LeadTime=00:00:05"]);
        var tech = controller.As("tech");
        await Targets.ImportAreasAsync(tech);
        var secret = await controller.RegisterDeviceAsync("tts-a");
        await ApiClient.Ok(await tech.PutAsync("/api/devices/tts-a/placement", new { village = "0898001" }));
        await using var speaker = new RunningSpeaker("tts-a", secret, controller.BrokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("tts-a"), TimeSpan.FromSeconds(15), "speaker online");

        var bc = controller.As("bc");
        const string text = "Thông báo của UBND xã: bão số 3 gây mưa 100-150mm, bà con chú ý.";
        await bc.PostOkAsync("/api/programs", new { id = "ban-tin", title = "Bản tin bão", kind = "tts-bulletin", text, voice = "central", durationSeconds = 30 });
        var renderings = controller.Services.GetRequiredService<BulletinRenderings>();
        MediaItem? rendering = null;
        await Eventually.TrueAsync(() => Task.FromResult((rendering = renderings.FindCached(text, Controller.Scheduling.TtsVoice.Central, 1.0)) is not null),
            TimeSpan.FromSeconds(20), "the bulletin was rendered ahead, when the program was created");

        var start = TestCalendar.SecondsFromNow(9);
        await bc.PostOkAsync("/api/schedules", new
        {
            id = "s-ban-tin", programId = "ban-tin", targets = new { areas = new[] { "0898001" } },
            recurrence = new { kind = "once", at = start.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss") },
        });

        var length = rendering!.SampleCount;
        await Eventually.TrueAsync(() => Task.FromResult(SinkTakes.Of(speaker).Any(t => (long)t.Position + t.Samples >= length - 2_000)),
            TimeSpan.FromSeconds(30) + rendering.Duration, "the speaker played the whole bulletin");
        var take = Assert.Single(SinkTakes.Of(speaker));
        // From its first frames (on two loaded shared cores a speaker may join a frame or two late) to its end.
        Assert.InRange(take.Position, 0UL, 4_800UL);
        Assert.InRange(take.SoundedUs - (start.ToUnixTimeMilliseconds() * 1000 + (long)take.Position * 1_000_000 / 48_000), -50_000, 50_000);
        Assert.InRange((long)take.Position + take.Samples, length - 2_000, length + 2_000);
        var airing = Assert.Single((await controller.As("viewer").GetJsonAsync("/api/schedules/s-ban-tin/airings")).EnumerateArray());
        Assert.Equal("on-time", airing.GetProperty("outcome").GetString());
        // Rendered once: the only speech item is the one the prerenderer made.
        Assert.Single((await bc.GetJsonAsync("/api/media")).EnumerateArray());
        Assert.True(ProtocolVersion.SampleRate == DecodedAudio.SampleRate);
    }
}
