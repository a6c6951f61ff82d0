using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Relay (tiếp sóng) of an Icecast-like MP3 stream served on loopback in real time, to real speaker agents: heard by
/// its tone, through a source that dies and comes back, and as a scheduled program.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Relay_EndToEnd_Tests
{
    private const int SourceHz = 1000;
    private const int FallbackHz = 300;

    private static readonly string[] RelayArgs =
    [
        "--Relay:PrebufferMs=1000", "--Relay:MaxBufferMs=4000", "--Relay:NoDataTimeoutMs=2000", "--Relay:SilenceTimeoutMs=2000",
        "--Relay:ConnectTimeoutMs=5000", "--Relay:RetriesBeforeFallback=1", "--Relay:RetryDelayMs=300", "--Relay:MaxRetryDelayMs=600",
        "--Broadcast:FinishGraceMs=1000",
    ];

    private static Task<RunningController> StartControllerAsync(TempDirectory temp, params string[] extra) =>
        RunningController.StartAsync(temp.Sub("data"), null, null, [.. CalendarUsers.Args(), .. RelayArgs, .. extra]);

    /// <summary>The speaker's WAV so far (16-bit mono 48 kHz after a 44-byte header), as 100 ms blocks classified by tone.</summary>
    private static List<int> HeardTones(RunningSpeaker speaker, string session)
    {
        var path = speaker.WavOf(session);
        if (!File.Exists(path)) return [];
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        var samples = new float[Math.Max(0, (bytes.Length - 44) / 2)];
        for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(bytes, 44 + 2 * i) / 32768f;
        var tones = new List<int>();
        for (var start = 0; start + 4_800 <= samples.Length; start += 4_800)
            tones.Add(ToneMeter.Dominant(samples.AsSpan(start, 4_800), SourceHz, FallbackHz));
        return tones;
    }

    private static async Task<string> UploadFallbackAsync(ApiClient client)
    {
        var tone = new float[3 * ProtocolVersion.SampleRate];
        for (var i = 0; i < tone.Length; i++) tone[i] = 0.3f * MathF.Sin(2 * MathF.PI * FallbackHz * i / ProtocolVersion.SampleRate);
        return (await Media_Api_Tests.UploadAsync(client, TestAudio.Wav(tone, ProtocolVersion.SampleRate), "fallback.wav", "Nhạc chờ"))
            .GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Live_relay_reaches_the_speaker_falls_back_when_the_source_dies_recovers_and_stops_on_delete()
    {
        using var temp = new TempDirectory();
        await using var source = new IcecastTestServer(TestMp3.Tone(SourceHz, 10), 64);
        await using var controller = await StartControllerAsync(temp);
        await using var speaker = new RunningSpeaker("relay-a", await controller.RegisterDeviceAsync("relay-a"), controller.BrokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("relay-a"), TimeSpan.FromSeconds(15), "speaker online");
        var bc = controller.As("bc");
        var fallback = await UploadFallbackAsync(bc);

        var response = await bc.PostAsync("/api/relays", new
        {
            url = source.Url, title = "Tiếp sóng VOV1", targets = new { devices = new[] { "relay-a" } }, durationMinutes = 2, fallbackMediaId = fallback,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The source reaches the speaker.
        await Eventually.TrueAsync(() => Task.FromResult(HeardTones(speaker, id).Count(t => t == SourceHz) >= 30), TimeSpan.FromSeconds(20), "3 s of the source heard");
        var health = await controller.As("viewer").GetJsonAsync($"/api/relays/{id}");
        Assert.True(health.GetProperty("health").GetProperty("connected").GetBoolean());
        Assert.Equal("on-source", health.GetProperty("health").GetProperty("state").GetString());

        // It dies midway: retried, then the fallback media is heard.
        source.Refuse = true;
        source.DropAll();
        await Eventually.TrueAsync(() => Task.FromResult(HeardTones(speaker, id).Count(t => t == FallbackHz) >= 10), TimeSpan.FromSeconds(25), "1 s of the fallback heard");

        // It comes back: the source is heard again after the fallback.
        source.Refuse = false;
        await Eventually.TrueAsync(() =>
        {
            var tones = HeardTones(speaker, id);
            var fallbackAt = tones.IndexOf(FallbackHz);
            return Task.FromResult(tones.Skip(fallbackAt).Count(t => t == SourceHz) >= 20);
        }, TimeSpan.FromSeconds(25), "the source heard again after the fallback");

        health = (await controller.As("viewer").GetJsonAsync($"/api/relays/{id}")).GetProperty("health");
        Assert.Equal(1, health.GetProperty("fallbacks").GetInt32());
        Assert.Equal(1, health.GetProperty("recoveries").GetInt32());
        Assert.True(health.GetProperty("failures").GetInt32() >= 2);
        Assert.False(string.IsNullOrEmpty(health.GetProperty("lastError").GetString()));

        // Stopped through the broadcast's cancel path; a viewer may not.
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.As("viewer").DeleteAsync($"/api/broadcasts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await bc.DeleteAsync($"/api/broadcasts/{id}")).StatusCode);
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));
        Assert.Contains("stopped by bc", final.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bc.DeleteAsync($"/api/broadcasts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Relays_of_what_is_not_an_mp3_stream_are_refused_with_a_clear_problem()
    {
        using var temp = new TempDirectory();
        await using var source = new IcecastTestServer(TestMp3.Tone(SourceHz, 1), 64);
        await using var controller = await StartControllerAsync(temp, "--Relay:MaxLiveRelays=1");
        await controller.RegisterDeviceAsync("relay-b");
        var bc = controller.As("bc");
        object Body(string url, string? fallback = null) => new { url, title = "Tiếp sóng", targets = "all", durationMinutes = 5, fallbackMediaId = fallback };

        async Task<string> Problem(HttpResponseMessage r, HttpStatusCode status)
        {
            Assert.Equal(status, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }

        Assert.Contains("text/html", await Problem(await bc.PostAsync("/api/relays", Body(source.BaseUrl + "/page")), HttpStatusCode.BadRequest));
        Assert.Contains("404", await Problem(await bc.PostAsync("/api/relays", Body(source.BaseUrl + "/nothing.mp3")), HttpStatusCode.BadRequest));
        Assert.Contains("cannot be reached", await Problem(await bc.PostAsync("/api/relays", Body($"http://127.0.0.1:{FreePort.Next()}/x.mp3")), HttpStatusCode.BadGateway));
        Assert.Contains("http or https", await Problem(await bc.PostAsync("/api/relays", Body("ftp://example.org/a.mp3")), HttpStatusCode.BadRequest));
        Assert.Contains("no media item", await Problem(await bc.PostAsync("/api/relays", Body(source.Url, "m-missing")), HttpStatusCode.BadRequest));
        Assert.Contains("durationMinutes", await Problem(await bc.PostAsync("/api/relays",
            new { url = source.Url, title = "x", targets = "all", durationMinutes = 100_000 }), HttpStatusCode.BadRequest));
        Assert.Contains("unknown targets", await Problem(await bc.PostAsync("/api/relays",
            new { url = source.Url, title = "x", targets = new { zones = new[] { "nowhere" } }, durationMinutes = 1 }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.As("viewer").PostAsync("/api/relays", Body(source.Url))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await controller.Anonymous().PostAsync("/api/relays", Body(source.Url))).StatusCode);
        Assert.Empty((await controller.As("viewer").GetJsonAsync("/api/relays")).EnumerateArray());

        // One live relay at a time here: the second is refused while the first runs, and may start once it is stopped.
        var first = await bc.PostAsync("/api/relays", Body(source.Url));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Contains("Relay:MaxLiveRelays", await Problem(await bc.PostAsync("/api/relays", Body(source.Url)), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Accepted, (await bc.DeleteAsync($"/api/broadcasts/{id}")).StatusCode);
        await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(async () => (await bc.PostAsync("/api/relays", Body(source.Url))).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(10), "a relay starts once the first has stopped");
    }

    [Fact]
    public async Task A_scheduled_stream_relay_program_airs_for_its_duration()
    {
        using var temp = new TempDirectory();
        await using var source = new IcecastTestServer(TestMp3.Tone(SourceHz, 10), 64);
        await using var controller = await StartControllerAsync(temp, "--Scheduling:Runtime:LeadTime=00:00:05");
        await using var speaker = new RunningSpeaker("relay-s", await controller.RegisterDeviceAsync("relay-s"), controller.BrokerPort, temp.Sub("s"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("relay-s"), TimeSpan.FromSeconds(15), "speaker online");
        var bc = controller.As("bc");
        var fallback = await UploadFallbackAsync(bc);

        var program = await bc.PostOkAsync("/api/programs", new
        {
            id = "tiep-song", title = "Tiếp sóng thời sự", kind = "stream-relay", streamUrl = source.Url, durationSeconds = 6, fallbackMediaId = fallback,
        });
        Assert.Equal(fallback, program.GetProperty("fallbackMediaId").GetString());
        var start = TestCalendar.SecondsFromNow(9);
        await bc.PostOkAsync("/api/schedules", new
        {
            id = "s-tiep-song", programId = "tiep-song", targets = new { devices = new[] { "relay-s" } },
            recurrence = new { kind = "once", at = start.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss") },
        });

        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(SinkTakes.Of(speaker).Any(t => t.Samples >= 6 * 48_000 - 2_000)),
                TimeSpan.FromSeconds(40), "the speaker played the 6 s relay");
        }
        catch (TimeoutException e)
        {
            // What did sound, and what the schedule recorded, say where the relay went short.
            var takes = string.Join("; ", SinkTakes.Of(speaker).Select(t => $"{t.Session}: {t.Samples} samples"));
            var airings = (await controller.As("viewer").GetJsonAsync("/api/schedules/s-tiep-song/airings")).ToString();
            var relays = (await controller.As("viewer").GetJsonAsync("/api/relays")).ToString();
            throw new TimeoutException($"{e.Message}; takes: [{takes}]; airings: {airings}; relays: {relays}", e);
        }
        var take = Assert.Single(SinkTakes.Of(speaker));
        Assert.InRange(take.Samples, 6 * 48_000 - 2_000, 6 * 48_000 + 2_000);
        var tones = HeardTones(speaker, take.Session);
        Assert.True(tones.Count(t => t == SourceHz) >= tones.Count - 5, string.Join(",", tones));
        Assert.InRange(take.SoundedUs - start.ToUnixTimeMilliseconds() * 1000, -50_000, 50_000);

        var airing = Assert.Single((await controller.As("viewer").GetJsonAsync("/api/schedules/s-tiep-song/airings")).EnumerateArray());
        Assert.Equal("on-time", airing.GetProperty("outcome").GetString());
        Assert.Contains((await controller.As("viewer").GetJsonAsync("/api/relays")).EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "scheduled" && r.GetProperty("health").GetProperty("connections").GetInt32() >= 1);
    }
}
