using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The whole product with nothing in place of its parts: a controller configured with users, its LiteDB catalog and
/// media library, two real speakers placed in two villages through the API. A broadcaster uploads a WAV, writes a
/// program that needs approval, an approver approves it, and it is scheduled once for one village: it sounds on
/// that village's speaker at the slot's start and nowhere else, and the air ledger lists it on time.
/// </summary>
public sealed class Scheduled_Product_Tests
{
    [Fact]
    public async Task A_program_uploaded_approved_and_scheduled_through_the_api_sounds_at_its_slot_on_its_village_only_and_is_recorded_on_time()
    {
        using var temp = new TempDirectory();
        // The shortest lead the scheduler allows keeps the test short: the slot can be a few seconds ahead.
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, null,
            [.. CalendarUsers.Args(), "--Scheduling:Runtime:LeadTime=00:00:05"]);
        var tech = controller.As("tech");
        await Targets.ImportAreasAsync(tech);
        var secretA = await controller.RegisterDeviceAsync("whole-a");
        var secretB = await controller.RegisterDeviceAsync("whole-b");
        await ApiClient.Ok(await tech.PutAsync("/api/devices/whole-a/placement", new { village = "0898001" }));
        await ApiClient.Ok(await tech.PutAsync("/api/devices/whole-b/placement", new { village = "0898002" }));
        await using var a = new RunningSpeaker("whole-a", secretA, controller.BrokerPort, temp.Sub("a"));
        await using var b = new RunningSpeaker("whole-b", secretB, controller.BrokerPort, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["whole-a", "whole-b"]), TimeSpan.FromSeconds(15), "both online");

        var bc = controller.As("bc");
        var tone = new float[2 * ProtocolVersion.SampleRate];
        for (var i = 0; i < tone.Length; i++) tone[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / ProtocolVersion.SampleRate);
        var media = (await Media_Api_Tests.UploadAsync(bc, TestAudio.Wav(tone, ProtocolVersion.SampleRate), "thong-bao.wav", "Thông báo")).GetProperty("id").GetString()!;
        await bc.PostOkAsync("/api/programs", new { id = "thong-bao", title = "Thông báo", kind = "audio-file", mediaId = media, requiresApproval = true });
        await bc.PostOkAsync("/api/programs/thong-bao/submit");
        Assert.True((await controller.As("ap").PostOkAsync("/api/programs/thong-bao/approve")).GetProperty("canAir").GetBoolean());

        var start = TestCalendar.SecondsFromNow(9);
        await bc.PostOkAsync("/api/schedules", new
        {
            id = "s-thong-bao", programId = "thong-bao", targets = new { areas = new[] { "0898001" } },
            recurrence = new { kind = "once", at = start.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss") },
        });

        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > start.AddSeconds(4) && SinkTakes.Of(a).Any(t => t.Samples >= tone.Length - 2_000)),
            TimeSpan.FromSeconds(30), "the village's speaker played the program");
        var take = Assert.Single(SinkTakes.Of(a));
        Assert.Equal(0UL, take.Position);
        // The 20 ms goal; the in-process speakers' clock models have had seconds, not minutes, to converge.
        Assert.InRange(take.SoundedUs - start.ToUnixTimeMilliseconds() * 1000, -20_000, 20_000);
        Assert.InRange(take.Samples, tone.Length - 2_000, tone.Length + 2_000);
        Assert.Empty(SinkTakes.Of(b));
        Assert.Empty(Directory.Exists(b.WavDirectory) ? Directory.GetFiles(b.WavDirectory, "*.wav") : []);

        var viewer = controller.As("viewer");
        var airing = Assert.Single((await viewer.GetJsonAsync("/api/schedules/s-thong-bao/airings")).EnumerateArray());
        Assert.Equal("on-time", airing.GetProperty("outcome").GetString());
        Assert.Equal(start, airing.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(7), airing.GetProperty("start").GetDateTimeOffset().Offset);
        Assert.Equal("thong-bao", airing.GetProperty("programId").GetString());
        Assert.Equal(JsonValueKind.Null, airing.GetProperty("reason").ValueKind);
        Assert.True(airing.GetProperty("decidedAt").GetDateTimeOffset() < start, "claimed at its hand-over, before it sounds");
        var day = start.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
        Assert.Contains((await viewer.GetJsonAsync($"/api/airings?day={day}")).EnumerateArray(), r => r.GetProperty("scheduleId").GetString() == "s-thong-bao");
        Assert.Empty((await viewer.GetJsonAsync("/api/devices/whole-a/preemptions")).EnumerateArray());
    }
}
