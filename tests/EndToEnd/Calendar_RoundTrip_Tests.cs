using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>.ics export and import between controllers, and the calendar's durability across a restart.</summary>
public sealed class Calendar_RoundTrip_Tests : CalendarTestBase
{

    private static readonly DateTime Tomorrow = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddDays(1), DateTimeKind.Unspecified);

    protected override async Task SeedAsync()
    {
        await Targets.SeedAsync(Controller);
        var bc = Controller.As("bc");
        await bc.PostOkAsync("/api/programs", new { id = "relay", title = "Tiếp sóng VOV", kind = "stream-relay", streamUrl = "https://vov.example/live", durationSeconds = 1800, origin = "province" });
        await bc.PostOkAsync("/api/programs", new { id = "canh-bao", title = "Cảnh báo lũ", kind = "tts-bulletin", text = "Mực nước sông đang lên.\nĐề nghị bà con…", durationSeconds = 120, @class = "emergency", requiresApproval = true });
        await bc.PostOkAsync("/api/programs", Schedules_Api_Tests.LiveSlot("loa", 10));
        var day = Tomorrow.ToString("yyyy-MM-dd");
        await bc.PostOkAsync("/api/schedules", new { id = "s-relay", programId = "relay", targets = new { areas = new[] { Targets.Commune } }, recurrence = new { kind = "weekly", from = day, days = new[] { "mo", "fr" }, times = new[] { "06:00", "18:00" }, until = Tomorrow.AddDays(60).ToString("yyyy-MM-dd") } });
        await bc.PostOkAsync("/api/schedules", new { id = "s-warn", programId = "canh-bao", targets = new { zones = new[] { "all" } }, recurrence = new { kind = "every-hours", at = Tomorrow.AddHours(1).ToString("yyyy-MM-ddTHH:mm"), hours = 2 }, clashPolicy = "override" });
        await bc.PostOkAsync("/api/schedules", new { id = "s-loa", programId = "loa", targets = new { devices = new[] { "d2" }, zones = new[] { "cho" } }, recurrence = new { kind = "repeat", at = Tomorrow.AddHours(9).ToString("yyyy-MM-ddTHH:mm"), count = 3, intervalMinutes = 30 }, clashPolicy = "append" });
    }

    private static async Task<Dictionary<string, string>> SlotsAsync(RunningController controller)
    {
        var schedules = await controller.As("viewer").GetJsonAsync("/api/schedules");
        return schedules.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s =>
            string.Join(" | ", s.GetProperty("programId").GetString(), s.GetProperty("clashPolicy").GetString(), s.GetProperty("targets").GetRawText(),
                s.GetProperty("lines").GetRawText(), s.GetProperty("nextSlots").GetRawText()));
    }

    [Fact]
    public async Task Export_then_import_into_a_fresh_controller_gives_the_same_slots()
    {
        var export = await Controller.As("viewer").GetAsync("/api/schedules.ics");
        Assert.Equal("text/calendar", export.Content.Headers.ContentType?.MediaType);
        var ics = await export.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics);

        await using var second = await CalendarUsers.StartAsync(Temp.Sub("second"));
        await Targets.SeedAsync(second);
        var report = await ApiClient.Ok(await second.As("bc2").PostRawAsync("/api/schedules/import", ics, "text/calendar"));
        Assert.Equal(["canh-bao", "loa", "relay"], report.GetProperty("programs").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.Equal(["s-loa", "s-relay", "s-warn"], report.GetProperty("schedules").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.Empty(report.GetProperty("skipped").EnumerateArray());

        Assert.Equal(await SlotsAsync(Controller), await SlotsAsync(second));
        var warning = await second.As("viewer").GetJsonAsync("/api/programs/canh-bao");
        Assert.Equal("draft", warning.GetProperty("approval").GetString()); // an approval never travels in a file
        Assert.Equal("bc2", warning.GetProperty("author").GetString());
        Assert.Equal("Mực nước sông đang lên.\nĐề nghị bà con…", warning.GetProperty("text").GetString());

        var again = await ApiClient.Ok(await second.As("bc2").PostRawAsync("/api/schedules/import", ics, "text/calendar"));
        Assert.Empty(again.GetProperty("programs").EnumerateArray());
        Assert.Equal(6, again.GetProperty("skipped").GetArrayLength());
        Assert.All(again.GetProperty("skipped").EnumerateArray(), s => Assert.Contains("exists here already", s.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_import_whose_targets_are_unknown_here_skips_those_schedules_with_the_reason()
    {
        var ics = await (await Controller.As("viewer").GetAsync("/api/schedules.ics")).Content.ReadAsStringAsync();
        await using var bare = await CalendarUsers.StartAsync(Temp.Sub("bare"));
        var report = await ApiClient.Ok(await bare.As("bc").PostRawAsync("/api/schedules/import", ics, "text/calendar"));
        Assert.Equal(["s-warn"], report.GetProperty("schedules").EnumerateArray().Select(p => p.GetString()));
        var skipped = report.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.Contains("area:08980", skipped["s-relay"]);
        Assert.Contains("zone:cho", skipped["s-loa"]);
    }

    [Theory]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events")]
    [InlineData("this is not a calendar", "calendar")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20990101T060000\r\nSUMMARY:T\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "event x")]
    public async Task A_bad_calendar_is_400_with_the_errors_and_imports_nothing(string ics, string detail)
    {
        var before = await SlotsAsync(Controller);
        var problem = await AssertProblem(await Controller.As("bc").PostRawAsync("/api/schedules/import", ics, "text/calendar"), HttpStatusCode.BadRequest, detail);
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("errors").ValueKind);
        Assert.Equal(before, await SlotsAsync(Controller));
        await AssertProblem(await Controller.As("bc").PostRawAsync("/api/schedules/import", ics, "text/plain"), HttpStatusCode.UnsupportedMediaType, "text/calendar");
    }

    [Fact]
    public async Task The_calendar_and_approvals_survive_a_restart()
    {
        await Controller.As("bc").PostOkAsync("/api/programs/canh-bao/submit");
        await Controller.As("ap").PostOkAsync("/api/programs/canh-bao/approve");
        await Controller.As("bc").PostOkAsync("/api/schedules/s-loa/cancel");
        var before = await SlotsAsync(Controller);
        await RestartAsync();
        Assert.Equal(before, await SlotsAsync(Controller));
        var program = await Controller.As("viewer").GetJsonAsync("/api/programs/canh-bao");
        Assert.Equal("approved", program.GetProperty("approval").GetString());
        Assert.Equal(2, program.GetProperty("history").GetArrayLength());
    }
}
