using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Bulletins from the province through the whole controller, no fakes: posted by the province-feed account, aired to
/// real speakers (emergency at once, priority in the next free slot, normal when a broadcaster schedules it), and each
/// play confirmed back by a push that a local receiver (the "province", real HTTP) stores by Idempotency-Key.
/// </summary>
public sealed class Provincial_Bulletins_EndToEnd_Tests : IAsyncLifetime
{
    private const string ProvinceToken = "province-outbound-token";
    private static readonly byte[] Tone = TestAudio.Wav(Enumerable.Range(0, 48_000).Select(i => 0.4f * MathF.Sin(i * 2 * MathF.PI * 440 / 48_000)).ToArray(), 48_000);

    private readonly TempDirectory _temp = new();
    private readonly ConcurrentDictionary<string, JsonElement> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _authorizations = new();
    private WebApplication _province = null!;
    private RunningController _controller = null!;
    private string _provinceUrl = "";
    private volatile string _pollAnswer = "[]";
    private int _polls;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _province = builder.Build();
        _province.MapPost("/inbox", async (HttpContext http) =>
        {
            _authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            _received.TryAdd(http.Request.Headers["Idempotency-Key"].ToString(), body);
            return Results.Ok();
        });
        _province.MapGet("/audio/tone.wav", () => Results.Bytes(Tone, "audio/wav"));
        _province.MapGet("/bulletins", (HttpContext http) =>
        {
            _authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            Interlocked.Increment(ref _polls);
            return Results.Text(_pollAnswer, "application/json");
        });
        await _province.StartAsync();
        _provinceUrl = $"http://127.0.0.1:{port}";

        string[] users = ["feed:province-feed", "bc:broadcaster", "tech:technician", "viewer:viewer", "cap:cap-feed"];
        var args = users.SelectMany((u, i) => new[]
        {
            $"--Accounts:Users:{i}:Name={u.Split(':')[0]}", $"--Accounts:Users:{i}:Roles:0={u.Split(':')[1]}",
            $"--Accounts:Users:{i}:Token={CalendarUsers.Token(u.Split(':')[0])}",
        }).Concat(
        [
            $"--Provincial:Endpoint={_provinceUrl}/inbox", "--Provincial:AllowInsecureHttp=true", $"--Provincial:Token={ProvinceToken}",
            "--Provincial:SourceId=08980", "--Provincial:InitialBackoffSeconds=0.2", "--Provincial:DeviceStatus:IntervalMinutes=0",
            "--Provincial:Bulletins:EmergencyRepeat=1", "--Provincial:Bulletins:MaxBodyBytes=200000",
            $"--Provincial:Bulletins:PollUrl={_provinceUrl}/bulletins", "--Provincial:Bulletins:PollIntervalSeconds=5",
        ]).ToArray();
        _controller = await RunningController.StartAsync(_temp.Sub("data"), _ => { }, null, args);
        await Targets.ImportAreasAsync(As("tech"));
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await _province.DisposeAsync();
        _temp.Dispose();
    }

    private ApiClient As(string user) => new(_controller.Http, CalendarUsers.Token(user));

    private async Task<RunningSpeaker> SpeakerAsync(string id, string village)
    {
        var secret = await _controller.RegisterDeviceAsync(id);
        await ApiClient.Ok(await As("tech").PutAsync($"/api/devices/{id}/placement", new { village }));
        var speaker = new RunningSpeaker(id, secret, _controller.BrokerPort, _temp.Sub(id));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Contains(id), TimeSpan.FromSeconds(15), $"{id} online");
        return speaker;
    }

    private async Task<JsonElement> ConfirmationAsync(string bulletinId, TimeSpan timeout)
    {
        var key = "bulletin-confirmation:" + bulletinId;
        await Eventually.TrueAsync(() => Task.FromResult(_received.ContainsKey(key)), timeout, $"the confirmation of {bulletinId} reached the province");
        var envelope = _received[key];
        Assert.Equal((key, "bulletin-confirmation", "08980"),
            (envelope.GetProperty("id").GetString(), envelope.GetProperty("kind").GetString(), envelope.GetProperty("source").GetString()));
        Assert.All(_authorizations, a => Assert.Equal("Bearer " + ProvinceToken, a));
        return envelope.GetProperty("payload");
    }

    private static (string Id, string Status) OnlyDevice(JsonElement confirmation)
    {
        var device = Assert.Single(confirmation.GetProperty("devices").EnumerateArray().ToArray());
        return (device.GetProperty("deviceId").GetString()!, device.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task An_emergency_bulletin_airs_at_once_through_the_emergency_broadcaster_and_its_play_is_confirmed()
    {
        await using var speaker = await SpeakerAsync("dong", "0898001");
        var posted = await As("feed").PostAsync("/api/provincial/bulletins", new
        {
            id = "HN-2026-EM-1", title = "Lũ quét", priority = "emergency", audio = new { base64 = Convert.ToBase64String(Tone) }, targets = new[] { "08980" },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var view = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("airing", view.GetProperty("state").GetString());
        var emergencyId = view.GetProperty("emergencyId").GetString()!;

        var confirmation = await ConfirmationAsync("HN-2026-EM-1", TimeSpan.FromSeconds(45));
        Assert.Equal(("aired", "emergency", 1, 1), (confirmation.GetProperty("outcome").GetString(), confirmation.GetProperty("priority").GetString(),
            confirmation.GetProperty("targeted").GetInt32(), confirmation.GetProperty("finished").GetInt32()));
        Assert.Equal(("dong", "finished"), OnlyDevice(confirmation));
        Assert.Equal("0898001", confirmation.GetProperty("devices")[0].GetProperty("villageCode").GetString());

        // The emergency broadcaster aired it: chime first, then the province's recording, at the speaker.
        var report = await As("viewer").GetJsonAsync($"/api/emergencies/{emergencyId}");
        Assert.Equal("province:feed", report.GetProperty("requestedBy").GetString());
        var played = TestAudio.ReadWav(speaker.WavOf(report.GetProperty("broadcastId").GetString()!));
        Assert.True(played.Length > 48_000 * 3, $"the speaker played {played.Length / 48_000.0:0.0} s (chime, gap, 1 s tone)");
        var bulletin = await As("viewer").GetJsonAsync("/api/provincial/bulletins/HN-2026-EM-1");
        Assert.Equal("aired", bulletin.GetProperty("state").GetString());

        // The same bulletin again is the same bulletin: 200, nothing aired twice.
        var again = await As("feed").PostAsync("/api/provincial/bulletins", new
        {
            id = "HN-2026-EM-1", title = "Lũ quét", priority = "emergency", audio = new { base64 = Convert.ToBase64String(Tone) }, targets = new[] { "08980" },
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(emergencyId, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("emergencyId").GetString());
        Assert.Single((await As("viewer").GetJsonAsync("/api/emergencies")).EnumerateArray());
    }

    [Fact]
    public async Task A_priority_bulletin_waits_for_the_broadcast_on_air_then_airs_spoken_and_its_play_is_confirmed()
    {
        await using var speaker = await SpeakerAsync("tay", "0898002");
        // Something is on air at the speaker: a 4 s upload.
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestAudio.Wav(new float[48_000 * 4], 48_000)), "file", "busy.wav" },
            { new StringContent("Chương trình"), "title" },
            { new StringContent("tay"), "targets" },
        };
        var started = await As("bc").SendAsync(HttpMethod.Post, "/api/broadcasts", upload);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var busyId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var posted = await As("feed").PostAsync("/api/provincial/bulletins", new
        {
            id = "HN-2026-PR-1", title = "Lịch tiêm chủng", priority = "priority", text = "Xin thông báo lịch tiêm chủng cho trẻ em.", targets = new[] { "0898002" },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var view = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("airing", "aired in the first free slot"), (view.GetProperty("state").GetString(), view.GetProperty("reason").GetString()));
        var airAt = view.GetProperty("airAt").GetDateTimeOffset();

        var confirmation = await ConfirmationAsync("HN-2026-PR-1", TimeSpan.FromSeconds(60));
        Assert.Equal("aired", confirmation.GetProperty("outcome").GetString());
        Assert.Equal(("tay", "finished"), OnlyDevice(confirmation));
        var busy = await As("viewer").GetJsonAsync($"/api/broadcasts/{busyId}");
        Assert.Equal("finished", busy.GetProperty("state").GetString(), ignoreCase: true);
        // It did not cut into the upload: its slot starts after the upload's end.
        var busyEnd = busy.GetProperty("startedAt").GetDateTimeOffset() + TimeSpan.FromSeconds(4);
        Assert.True(airAt >= busyEnd - TimeSpan.FromSeconds(1.5), $"the bulletin's slot {airAt:O} is inside the upload (ends about {busyEnd:O})");
        var played = TestAudio.ReadWav(speaker.WavOf(view.GetProperty("broadcastId").GetString()!));
        var rms = Math.Sqrt(played.Average(s => (double)s * s));
        Assert.True(played.Length > 48_000 && rms > 0.01, $"the spoken bulletin is {played.Length / 48_000.0:0.0} s at RMS {rms:0.000}");
    }

    [Fact]
    public async Task A_normal_bulletin_waits_in_the_queue_until_a_broadcaster_schedules_it_then_airs_and_is_confirmed()
    {
        await using var speaker = await SpeakerAsync("dong", "0898001");
        var posted = await As("feed").PostAsync("/api/provincial/bulletins", new
        {
            id = "HN-2026-N-1", title = "Thông báo thu thuế", priority = "normal", audio = new { url = _provinceUrl + "/audio/tone.wav" }, targets = new[] { "0898001", "99999" },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var view = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("queued", view.GetProperty("state").GetString());
        Assert.Equal(["99999"], view.GetProperty("unknownTargets").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var queue = await As("viewer").GetJsonAsync("/api/provincial/bulletins?state=queued");
        Assert.Equal("HN-2026-N-1", Assert.Single(queue.EnumerateArray().ToArray()).GetProperty("id").GetString());
        // Not aired on its own, and not by the feed account.
        Assert.Equal(HttpStatusCode.Forbidden, (await As("feed").PostAsync("/api/provincial/bulletins/HN-2026-N-1/schedule", new { })).StatusCode);
        Assert.DoesNotContain(_received.Keys, k => k.StartsWith("bulletin-confirmation"));

        var scheduled = await As("bc").PostOkAsync("/api/provincial/bulletins/HN-2026-N-1/schedule", new { });
        Assert.Equal("scheduled", scheduled.GetProperty("state").GetString());
        var program = await As("viewer").GetJsonAsync($"/api/programs/{scheduled.GetProperty("programId").GetString()}");
        Assert.Equal(("province", "normal"), (program.GetProperty("origin").GetString(), program.GetProperty("class").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await As("bc").PostAsync("/api/provincial/bulletins/HN-2026-N-1/schedule", new { })).StatusCode);

        var confirmation = await ConfirmationAsync("HN-2026-N-1", TimeSpan.FromSeconds(90));
        Assert.Equal(("aired", "normal"), (confirmation.GetProperty("outcome").GetString(), confirmation.GetProperty("priority").GetString()));
        Assert.Equal(("dong", "finished"), OnlyDevice(confirmation));
        var bulletin = await As("viewer").GetJsonAsync("/api/provincial/bulletins/HN-2026-N-1");
        Assert.Equal("aired", bulletin.GetProperty("state").GetString());
        var session = Assert.Single(bulletin.GetProperty("sessionIds").EnumerateArray().ToArray()).GetString()!;
        Assert.True(TestAudio.ReadWav(speaker.WavOf(session)).Length >= 48_000 * 9 / 10, "the speaker played the province's recording");
    }

    [Fact]
    public async Task Hostile_bulletins_get_a_clear_400_problem_and_nothing_is_stored()
    {
        await _controller.RegisterDeviceAsync("dong");
        await ApiClient.Ok(await As("tech").PutAsync("/api/devices/dong/placement", new { village = "0898001" }));
        var feed = As("feed");
        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string detail)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
        }
        object Bulletin(string id = "x1", string priority = "normal", object? audio = null, string? text = "Thông báo", string[]? targets = null) =>
            new { id, title = "Tin", priority, audio, text, targets = targets ?? ["08980"] };

        await Refused(await feed.PostRawAsync("/api/provincial/bulletins", "{\"id\": \"x1\", ", "application/json"), HttpStatusCode.BadRequest, "not a valid bulletin");
        await Refused(await feed.PostRawAsync("/api/provincial/bulletins", "[1,2]", "application/json"), HttpStatusCode.BadRequest, "not a valid bulletin");
        await Refused(await feed.PostRawAsync("/api/provincial/bulletins", "{\"id\":\"x1\",\"colour\":\"red\"}", "application/json"), HttpStatusCode.BadRequest, "colour");
        await Refused(await feed.PostRawAsync("/api/provincial/bulletins", "id=x1", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "application/json");
        var huge = JsonSerializer.Serialize(Bulletin(text: new string('a', 300_000)));
        await Refused(await feed.PostRawAsync("/api/provincial/bulletins", huge, "application/json"), HttpStatusCode.RequestEntityTooLarge, "200000 bytes");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(priority: "urgent")), HttpStatusCode.BadRequest, "'priority' must be one of normal, priority, emergency, not 'urgent'");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(audio: new { url = "file:///etc/passwd" }, text: null)), HttpStatusCode.BadRequest, "'audio.url' must be an absolute https URL");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(audio: new { url = "https://user:pw@example.com/a.wav" }, text: null)), HttpStatusCode.BadRequest, "without user info");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(audio: new { url = "https://a/x.wav", base64 = "AAAA" })), HttpStatusCode.BadRequest, "exactly one of 'url' and 'base64'");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(audio: new { base64 = "not base64!" }, text: null)), HttpStatusCode.BadRequest, "'audio.base64' is not base64");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(audio: new { base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("not audio at all, just text")) }, text: null)),
            HttpStatusCode.BadRequest, "'audio.base64' is not playable");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(text: null)), HttpStatusCode.BadRequest, "needs 'audio'");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(targets: ["99999"])), HttpStatusCode.BadRequest, "holds a speaker of this installation");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(targets: ["all/../#"])), HttpStatusCode.BadRequest, "not an area code");
        await Refused(await feed.PostAsync("/api/provincial/bulletins", Bulletin(id: "bad id with spaces")), HttpStatusCode.BadRequest, "'id' must be");
        // Several problems at once are all listed.
        var many = await feed.PostAsync("/api/provincial/bulletins", new { id = "", title = "", priority = "x", targets = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(5, JsonDocument.Parse(await many.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetArrayLength());

        // Only the province's feed (or an admin) may post; a CAP feed or a viewer may not, anonymous is 401.
        Assert.Equal(HttpStatusCode.Forbidden, (await As("cap").PostAsync("/api/provincial/bulletins", Bulletin())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("viewer").PostAsync("/api/provincial/bulletins", Bulletin())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(_controller.Http, null).PostAsync("/api/provincial/bulletins", Bulletin())).StatusCode);

        Assert.Empty((await As("viewer").GetJsonAsync("/api/provincial/bulletins")).EnumerateArray());
        // And the controller is still well.
        Assert.Equal(HttpStatusCode.Created, (await feed.PostAsync("/api/provincial/bulletins", Bulletin(id: "ok-1"))).StatusCode);
    }

    [Fact]
    public async Task Polled_bulletins_are_taken_in_once_each_and_a_bad_answer_does_not_stop_the_polling()
    {
        await _controller.RegisterDeviceAsync("dong");
        await ApiClient.Ok(await As("tech").PutAsync("/api/devices/dong/placement", new { village = "0898001" }));
        _pollAnswer = "<html>not json</html>";
        var before = _polls;
        await Eventually.TrueAsync(() => Task.FromResult(_polls >= before + 2), TimeSpan.FromSeconds(30), "two polls of a bad answer");

        _pollAnswer = JsonSerializer.Serialize(new object[]
        {
            new { id = "POLL-1", title = "Tin từ tỉnh", priority = "normal", text = "Thông báo của tỉnh.", targets = new[] { "08980" } },
            new { id = "POLL-2", title = "Sai", priority = "whenever", text = "x", targets = new[] { "08980" } },
        });
        JsonElement bulletin = default;
        await Eventually.TrueAsync(async () =>
        {
            var response = await As("viewer").GetAsync("/api/provincial/bulletins/POLL-1");
            if (!response.IsSuccessStatusCode) return false;
            bulletin = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return bulletin.GetProperty("state").GetString() == "queued";
        }, TimeSpan.FromSeconds(30), "the polled bulletin is queued");
        Assert.Equal("poll", bulletin.GetProperty("receivedBy").GetString());

        var after = _polls;
        await Eventually.TrueAsync(() => Task.FromResult(_polls >= after + 1), TimeSpan.FromSeconds(30), "another poll");
        var all = (await As("viewer").GetJsonAsync("/api/provincial/bulletins")).EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["POLL-1"], all);
        Assert.All(_authorizations, a => Assert.Equal("Bearer " + ProvinceToken, a));
    }
}
