using System.Net;
using System.Text.Json;
using InfoRadio.Controller.Messaging;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Protocol;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Emergencies over loopback with real speakers: preempting a program, the chime before the message at the forced
/// volume through mute, the live reach report, a speaker that comes online late being retried from the start, cancel.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Emergency_EndToEnd_Tests : CalendarTestBase
{
    private const int Rate = 48_000;
    private const double ChimeSeconds = 1.8, GapSeconds = 0.7;
    private ApiClient Broadcaster => Controller.As("bc");

    private static float[] Sine(double hz, double seconds, float amplitude = 0.5f) =>
        Enumerable.Range(0, (int)(seconds * Rate)).Select(i => amplitude * (float)Math.Sin(2 * Math.PI * hz * i / Rate)).ToArray();

    private async Task<RunningSpeaker> SpeakerAsync(string id) =>
        new(id, await Controller.RegisterDeviceAsync(id), Controller.BrokerPort, Temp.Sub(id));

    private async Task<string> MessageMediaAsync(double seconds)
    {
        var item = await Media_Api_Tests.UploadAsync(Broadcaster, TestAudio.Wav(Sine(2000, seconds), Rate), "canh-bao.wav", "Cảnh báo lũ");
        return item.GetProperty("id").GetString()!;
    }

    private async Task<(string Id, JsonElement Created)> StartAsync(object body)
    {
        var response = await Broadcaster.PostAsync("/api/emergencies", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var created = JsonDocument.Parse(text).RootElement.Clone();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/emergencies/{id}", created.GetProperty("report").GetString());
        Assert.Equal($"/api/emergencies/{id}", response.Headers.Location?.ToString());
        return (id, created);
    }

    private Task<JsonElement> ReportAsync(string id) => Controller.As("viewer").GetJsonAsync($"/api/emergencies/{id}");

    private static JsonElement Device(JsonElement report, string id) =>
        report.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);

    private async Task<JsonElement> WaitForReportAsync(string id, Func<JsonElement, bool> condition, string what, double seconds = 30)
    {
        var report = default(JsonElement);
        await Eventually.TrueAsync(async () => condition(report = await ReportAsync(id)), TimeSpan.FromSeconds(seconds), what);
        return report;
    }

    private Task CommandAsync(string device, DeviceCommandType type, int? volume = null) =>
        Controller.Services.GetRequiredService<ControllerBus>().PublishAsync(TopicTree.DeviceCommands(device), MessageCodec.Encode(new DeviceCommand
        {
            Id = Guid.NewGuid().ToString("N"), Type = type, IssuedUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, Volume = volume,
        }), MqttQualityOfServiceLevel.AtLeastOnce, retain: false);

    private static double Rms(float[] samples, double from, double to)
    {
        var part = samples.AsSpan((int)(from * Rate), (int)((to - from) * Rate));
        double sum = 0;
        foreach (var s in part) sum += s * s;
        return Math.Sqrt(sum / part.Length);
    }

    private static double Pitch(float[] samples, double from, double to)
    {
        var part = samples.AsSpan((int)(from * Rate), (int)((to - from) * Rate));
        var crossings = 0;
        for (var i = 1; i < part.Length; i++) if (part[i - 1] < 0 != part[i] < 0) crossings++;
        return crossings / 2.0 / (to - from);
    }

    /// <summary>The chime's first tone (G5) opens the take, the message (2 kHz) follows the chime and the gap.</summary>
    private static void AssertChimeThenMessage(float[] played, double messageSeconds)
    {
        Assert.True(played.Length >= (ChimeSeconds + GapSeconds + messageSeconds - 0.05) * Rate, $"only {played.Length / (double)Rate:0.00} s played");
        Assert.InRange(Pitch(played, 0.05, 0.3), 760, 810);
        Assert.True(Rms(played, 0.05, 0.3) > 0.1, "the chime is loud");
        Assert.InRange(Pitch(played, ChimeSeconds + GapSeconds + 0.1, ChimeSeconds + GapSeconds + messageSeconds - 0.1), 1980, 2020);
        // 0.5 peak → 0.354 RMS at full volume: the forced 100, not the speaker's own 20.
        Assert.InRange(Rms(played, ChimeSeconds + GapSeconds + 0.1, ChimeSeconds + GapSeconds + messageSeconds - 0.1), 0.3, 0.4);
    }

    [Fact]
    public async Task An_emergency_preempts_a_program_and_a_muted_speaker_plays_the_chime_then_the_message_at_forced_volume()
    {
        var mediaId = await MessageMediaAsync(1.5);
        await using var speaker = await SpeakerAsync("loa-1");
        await Eventually.TrueAsync(async () => (await Controller.OnlineDevicesAsync()).Contains("loa-1"), TimeSpan.FromSeconds(15), "speaker online");
        await CommandAsync("loa-1", DeviceCommandType.SetVolume, 20);
        await CommandAsync("loa-1", DeviceCommandType.Mute);
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status is { Muted: true, Volume: 20 }), TimeSpan.FromSeconds(10), "speaker muted at 20");

        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestAudio.Wav(Sine(300, 9), Rate)), "file", "nhac.wav" }, { new StringContent("all"), "targets" } };
        var program = (await ApiClient.Ok(await Controller.Broadcaster.SendAsync(HttpMethod.Post, "/api/broadcasts", form))).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(speaker.WavOf(program)) && new FileInfo(speaker.WavOf(program)).Length > 44 + Rate),
            TimeSpan.FromSeconds(15), "the program plays (silently: muted)");

        var (id, created) = await StartAsync(new { title = "Lũ quét", targets = "all", mediaId, repeat = 1, origin = "district" });
        Assert.Equal("active", created.GetProperty("emergency").GetProperty("state").GetString());
        Assert.Equal("bc", created.GetProperty("emergency").GetProperty("requestedBy").GetString());

        var report = await WaitForReportAsync(id, r => r.GetProperty("state").GetString() == "ended", "the emergency ended");
        var counts = report.GetProperty("counts");
        Assert.Equal((1, 1, 1, 0), (counts.GetProperty("targeted").GetInt32(), counts.GetProperty("reached").GetInt32(),
            counts.GetProperty("finished").GetInt32(), counts.GetProperty("notReached").GetInt32()));
        var row = Device(report, "loa-1");
        Assert.True(row.GetProperty("onlineAtStart").GetBoolean());
        Assert.Equal("finished", row.GetProperty("status").GetString());
        Assert.InRange(row.GetProperty("reachedMs").GetInt64(), 300, 3000);
        Assert.Equal(["all"], report.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("district", report.GetProperty("origin").GetString());

        var emergencyBroadcast = report.GetProperty("broadcastId").GetString()!;
        AssertChimeThenMessage(TestAudio.ReadWav(speaker.WavOf(emergencyBroadcast)), 1.5);
        var programTake = TestAudio.ReadWav(speaker.WavOf(program));
        Assert.True(programTake.Length >= Rate / 2 && Rms(programTake, 0, programTake.Length / (double)Rate) < 0.001, "the muted program was silent");

        // The program was interrupted at the speaker (recorded as such) and resumes in place once the emergency is over.
        var delivery = (await Controller.Broadcaster.GetJsonAsync($"/api/broadcasts/{program}")).GetProperty("devices")[0];
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Contains("preempted by " + emergencyBroadcast, delivery.GetProperty("reason").GetString());
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Path.Combine(speaker.WavDirectory, program + ".2.wav"))),
            TimeSpan.FromSeconds(10), "the program resumed after the emergency");
    }

    [Fact]
    public async Task A_speaker_offline_at_the_request_is_retried_from_the_start_when_it_comes_online()
    {
        var mediaId = await MessageMediaAsync(1.0);
        await using var early = await SpeakerAsync("early");
        var lateSecret = await Controller.RegisterDeviceAsync("late");
        await Eventually.TrueAsync(async () => (await Controller.OnlineDevicesAsync()).Contains("early"), TimeSpan.FromSeconds(15), "early online");

        var (id, created) = await StartAsync(new { title = "Vỡ đê", targets = new { devices = new[] { "early", "late" } }, mediaId });
        var first = Device(created.GetProperty("emergency"), "late");
        Assert.Equal(("offline", false), (first.GetProperty("status").GetString(), first.GetProperty("onlineAtStart").GetBoolean()));
        await WaitForReportAsync(id, r => Device(r, "early").GetProperty("reached").GetBoolean(), "early reached");
        var before = await ReportAsync(id);
        Assert.False(Device(before, "late").GetProperty("reached").GetBoolean());
        Assert.Equal(1, before.GetProperty("counts").GetProperty("offline").GetInt32());

        await using var late = new RunningSpeaker("late", lateSecret, Controller.BrokerPort, Temp.Sub("late"));
        var report = await WaitForReportAsync(id, r => r.GetProperty("state").GetString() == "ended", "the emergency ended with both finished", 40);
        var row = Device(report, "late");
        Assert.Equal(("finished", 1, false), (row.GetProperty("status").GetString(), row.GetProperty("retries").GetInt32(), row.GetProperty("onlineAtStart").GetBoolean()));
        Assert.Equal(2, report.GetProperty("counts").GetProperty("reached").GetInt32());
        Assert.Equal(1, report.GetProperty("counts").GetProperty("retried").GetInt32());

        // Its own airing from sample 0: the chime first, the whole message after it.
        var take = Assert.Single(SinkTakes.Of(late));
        Assert.Equal(0UL, take.Position);
        AssertChimeThenMessage(TestAudio.ReadWav(late.WavOf(take.Session)), 1.0);
        Assert.NotEqual(report.GetProperty("broadcastId").GetString(), take.Session);
    }

    [Fact]
    public async Task Cancelling_stops_the_emergency_at_the_speakers_and_the_report_says_so()
    {
        var mediaId = await MessageMediaAsync(2.0);
        await using var speaker = await SpeakerAsync("loa-2");
        await Eventually.TrueAsync(async () => (await Controller.OnlineDevicesAsync()).Contains("loa-2"), TimeSpan.FromSeconds(15), "speaker online");

        var (id, _) = await StartAsync(new { title = "Cháy rừng", targets = new { all = true }, mediaId, repeat = 3 });
        var reached = await WaitForReportAsync(id, r => Device(r, "loa-2").GetProperty("reached").GetBoolean(), "reached");
        Assert.InRange(reached.GetProperty("durationMs").GetInt64(), 14_000, 16_000); // 3 × (chime, gap, message) and 2 gaps
        Assert.Equal(HttpStatusCode.NoContent, (await Broadcaster.DeleteAsync($"/api/emergencies/{id}")).StatusCode);

        var report = await ReportAsync(id);
        Assert.Equal("cancelled", report.GetProperty("state").GetString());
        Assert.Equal("cancelled: by bc", report.GetProperty("reason").GetString());
        var row = Device(report, "loa-2");
        Assert.Equal("failed", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("reached").GetBoolean());
        var wav = speaker.WavOf(report.GetProperty("broadcastId").GetString()!);
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status.CurrentSession is null), TimeSpan.FromSeconds(10), "the speaker stopped");
        Assert.True(TestAudio.ReadWav(wav).Length < 8 * Rate, "the speaker stopped well before the end");

        await AssertProblem(await Broadcaster.DeleteAsync($"/api/emergencies/{id}"), HttpStatusCode.Conflict, "already over");
        await AssertProblem(await Broadcaster.DeleteAsync("/api/emergencies/nope"), HttpStatusCode.NotFound, "no emergency");
        Assert.Equal(id, (await Controller.As("viewer").GetJsonAsync("/api/emergencies")).EnumerateArray().First().GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_emergency_page_is_served_in_Vietnamese()
    {
        var response = await Controller.Http.GetAsync("/emergency.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("PHÁT KHẨN CẤP", html);
        Assert.Contains("src=\"js/emergency.js\"", html);
        // The page's script, served beside it, is what raises the emergency.
        var script = await Controller.Http.GetStringAsync("/js/emergency.js");
        Assert.Contains("/api/emergencies", script);
    }

    [Fact]
    public async Task Emergencies_need_a_broadcaster_and_bad_requests_get_problems()
    {
        await Controller.RegisterDeviceAsync("loa-3");
        var good = new { title = "Bão", targets = "all", mediaId = "m-none" };
        await AssertProblem(await Controller.Anonymous().PostAsync("/api/emergencies", good), HttpStatusCode.Unauthorized, "");
        await AssertProblem(await Controller.Anonymous().GetAsync("/api/emergencies"), HttpStatusCode.Unauthorized, "");
        await AssertProblem(await Controller.As("viewer").PostAsync("/api/emergencies", good), HttpStatusCode.Forbidden, "");
        await AssertProblem(await Controller.As("tech").DeleteAsync("/api/emergencies/x"), HttpStatusCode.Forbidden, "");
        Assert.Equal(HttpStatusCode.OK, (await Controller.As("viewer").GetAsync("/api/emergencies")).StatusCode);

        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", good), HttpStatusCode.BadRequest, "no media item or playlist with id 'm-none'");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = "everyone", mediaId = "m" }), HttpStatusCode.BadRequest, "'targets' must be");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = new { areas = new[] { "99999" } }, mediaId = "m" }),
            HttpStatusCode.BadRequest, "unknown targets: area:99999");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = "all", mediaId = "m", text = "Bão số 3" }),
            HttpStatusCode.BadRequest, "exactly one of");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = "all", text = "Bão số 3", origin = "galaxy" }),
            HttpStatusCode.BadRequest, "'origin' must be one of");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = "all", mediaId = "m", colour = "red" }),
            HttpStatusCode.BadRequest, "colour");
        // A text is spoken by the controller's text-to-speech (espeak-ng): the message lasts the chime, the gap and the speech.
        var (spokenId, spoken) = await StartAsync(new { title = "Bão", targets = "all", text = "Bão số 3 đổ bộ lúc 15h30" });
        var spokenMs = spoken.GetProperty("emergency").GetProperty("durationMs").GetInt64();
        Assert.True(spokenMs > (ChimeSeconds + GapSeconds + 1) * 1000, $"the spoken emergency lasts {spokenMs} ms");
        Assert.Equal(HttpStatusCode.NoContent, (await Broadcaster.DeleteAsync($"/api/emergencies/{spokenId}")).StatusCode);
        var mediaId = await MessageMediaAsync(0.5);
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "Bão", targets = "all", mediaId, repeat = 0 }),
            HttpStatusCode.BadRequest, "repeat must be between 1 and 10");
        await AssertProblem(await Broadcaster.PostAsync("/api/emergencies", new { title = "", targets = "all", mediaId }),
            HttpStatusCode.BadRequest, "title");
    }
}

internal static class HttpJson
{
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient http, string url) =>
        JsonDocument.Parse(await http.GetStringAsync(url)).RootElement.Clone();
}
