using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Schedules over HTTP: every kind of recurrence, clash 409 then override or append, preview, cancel, bad bodies.</summary>
public sealed class Schedules_Api_Tests : CalendarTestBase
{

    /// <summary>Tomorrow in Vietnam, so every slot asked for is in the future.</summary>
    private static readonly DateTime Tomorrow = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddDays(1), DateTimeKind.Unspecified);

    private ApiClient Broadcaster => Controller.As("bc");

    protected override async Task SeedAsync()
    {
        await Targets.SeedAsync(Controller);
        await Broadcaster.PostOkAsync("/api/programs", LiveSlot("morning", 15));
        await Broadcaster.PostOkAsync("/api/programs", LiveSlot("notice", 5));
    }

    internal static object LiveSlot(string id, int minutes, string cls = "normal") =>
        new { id, title = $"Program {id}", kind = "live-slot", durationSeconds = minutes * 60, @class = cls };

    private static string Day(int offset) => Tomorrow.AddDays(offset).ToString("yyyy-MM-dd");

    private static string At(int dayOffset, int hour, int minute = 0) => Tomorrow.AddDays(dayOffset).AddHours(hour).AddMinutes(minute).ToString("yyyy-MM-ddTHH:mm");

    private static DateTimeOffset[] Starts(JsonElement schedule) =>
        schedule.GetProperty("nextSlots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToArray();

    private static DateTimeOffset Vn(int dayOffset, int hour, int minute = 0) =>
        new(Tomorrow.AddDays(dayOffset).AddHours(hour).AddMinutes(minute), TimeSpan.FromHours(7));

    [Fact]
    public async Task Each_kind_of_recurrence_gives_the_slots_asked_for()
    {
        var daily = await Create("morning", new { kind = "daily", from = Day(0), times = new[] { "06:00", "17:30" } }, zones: ["cho"]);
        Assert.Equal([Vn(0, 6), Vn(0, 17, 30), Vn(1, 6), Vn(1, 17, 30)], Starts(daily)[..4]);
        Assert.Equal(10, Starts(daily).Length);

        var once = await Create("notice", new { kind = "once", at = At(2, 9) }, devices: ["d3"], clash: "append");
        Assert.Equal([Vn(2, 9)], Starts(once));

        var repeat = await Create("notice", new { kind = "repeat", at = At(3, 9), count = 3, intervalMinutes = 30 }, devices: ["d3"], clash: "append");
        Assert.Equal([Vn(3, 9), Vn(3, 9, 30), Vn(3, 10)], Starts(repeat));

        var hours = await Create("notice", new { kind = "every-hours", at = At(4, 0), hours = 2 }, devices: ["d3"], clash: "append");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Vn(4, 2 * i)), Starts(hours));

        var range = await Create("notice", new { kind = "date-range", from = Day(5), until = Day(7), times = new[] { "11:00", "20:00" } }, devices: ["d3"], clash: "append");
        Assert.Equal(6, Starts(range).Length);
        Assert.Equal(Vn(7, 20), Starts(range)[^1]);

        var weekly = await Create("notice", new { kind = "weekly", from = Day(10), days = new[] { "mo", "wednesday" }, times = new[] { "07:15" } }, devices: ["d3"], clash: "append");
        Assert.All(Starts(weekly), s => Assert.Contains(s.DayOfWeek, new[] { DayOfWeek.Monday, DayOfWeek.Wednesday }));
        Assert.All(Starts(weekly), s => Assert.Equal(new TimeSpan(7, 15, 0), s.TimeOfDay));

        var rrule = await Create("notice", new { kind = "rrule", lines = new[] { new { start = At(30, 8), rule = "FREQ=DAILY;INTERVAL=3;COUNT=4" } } }, devices: ["d3"], clash: "append");
        Assert.Equal([Vn(30, 8), Vn(33, 8), Vn(36, 8), Vn(39, 8)], Starts(rrule));
    }

    [Fact]
    public async Task A_clash_is_409_with_the_programs_per_target_until_the_broadcaster_chooses()
    {
        await Create("morning", new { kind = "daily", from = Day(0), times = new[] { "06:00" } }, zones: ["cho"], id: "s-morning");
        var body = Body("notice", new { kind = "daily", from = Day(0), times = new[] { "06:10" } }, areas: [Targets.Commune], id: "s-notice");

        var problem = await AssertProblem(await Broadcaster.PostAsync("/api/schedules", body), HttpStatusCode.Conflict, "clashPolicy");
        var clashes = problem.GetProperty("clashes");
        var byTarget = clashes.EnumerateArray().Single();
        Assert.Equal($"area:{Targets.Commune}", byTarget.GetProperty("target").GetString());
        Assert.Equal("morning", byTarget.GetProperty("programs").EnumerateArray().Single().GetProperty("id").GetString());
        var first = byTarget.GetProperty("clashes")[0];
        Assert.Equal("s-morning", first.GetProperty("existingScheduleId").GetString());
        Assert.Equal("policy-decides", first.GetProperty("outcome").GetString());
        Assert.Equal(["d1"], first.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        await AssertProblem(await Broadcaster.GetAsync("/api/schedules/s-notice"), HttpStatusCode.NotFound, "s-notice");

        var preview = await Broadcaster.PostOkAsync("/api/schedules/preview", body);
        Assert.True(preview.GetProperty("needsChoice").GetBoolean());
        Assert.Equal(10, preview.GetProperty("schedule").GetProperty("nextSlots").GetArrayLength());

        var overridden = await ApiClient.Ok(await Broadcaster.PostAsync("/api/schedules", Body("notice", new { kind = "daily", from = Day(0), times = new[] { "06:10" } }, areas: [Targets.Commune], id: "s-notice", clash: "override")));
        Assert.Equal("override", overridden.GetProperty("clashPolicy").GetString());
        Assert.Equal("override", (await Broadcaster.GetJsonAsync("/api/schedules/s-notice")).GetProperty("clashPolicy").GetString());

        var appended = await ApiClient.Ok(await Broadcaster.PostAsync("/api/schedules", Body("notice", new { kind = "once", at = At(0, 6, 5) }, devices: ["d1"], id: "s-append", clash: "append")));
        Assert.Equal("append", appended.GetProperty("clashPolicy").GetString());
        await AssertProblem(await Broadcaster.PostAsync("/api/schedules", Body("notice", new { kind = "once", at = At(0, 6, 5) }, devices: ["d1"], id: "s-append", clash: "append")), HttpStatusCode.Conflict, "already exists");
    }

    [Fact]
    public async Task Schedules_on_other_devices_do_not_clash()
    {
        await Create("morning", new { kind = "daily", from = Day(0), times = new[] { "06:00" } }, zones: ["cho"]);
        var other = await Create("notice", new { kind = "daily", from = Day(0), times = new[] { "06:00" } }, devices: ["d3"]);
        Assert.Equal("append", other.GetProperty("clashPolicy").GetString());
    }

    [Fact]
    public async Task Cancelling_stops_the_slots_and_is_kept()
    {
        var s = await Create("notice", new { kind = "every-hours", at = At(0, 0), hours = 2 }, devices: ["d3"], id: "warning");
        Assert.Equal(10, Starts(s).Length);
        var cancelled = await Broadcaster.PostOkAsync("/api/schedules/warning/cancel");
        Assert.Empty(Starts(cancelled));
        Assert.Equal(JsonValueKind.String, cancelled.GetProperty("cancelledAt").ValueKind);
        var again = await Broadcaster.PostOkAsync("/api/schedules/warning/cancel");
        Assert.Equal(cancelled.GetProperty("cancelledAt").GetString(), again.GetProperty("cancelledAt").GetString());
        await AssertProblem(await Broadcaster.PostAsync("/api/schedules/nope/cancel"), HttpStatusCode.NotFound, "nope");
        await AssertProblem(await Broadcaster.DeleteAsync("/api/programs/notice"), HttpStatusCode.Conflict, "warning");
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"},"extra":1}""", "extra" },
        { """{"programId":"nope","targets":{"devices":["d3"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "no program" },
        { """{"programId":"notice","recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "targets" },
        { """{"programId":"notice","targets":{},"recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "no targets" },
        { """{"programId":"notice","targets":{"zones":["ghost"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "zone:ghost" },
        { """{"programId":"notice","targets":{"areas":["999"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "area:999" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"sometimes"}}""", "kind" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00+07:00"}}""", "no offset" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00","hours":2}}""", "does not apply" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"daily","from":"2099-01-01","times":["25:00"]}}""", "time of day" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"weekly","from":"2099-01-01","days":["x"],"times":["06:00"]}}""", "day of the week" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"repeat","at":"2099-01-01T06:00","count":0,"intervalMinutes":5}}""", "count" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"every-hours","at":"2099-01-01T06:00","hours":0}}""", "hours" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"rrule","lines":[{"start":"2099-01-01T06:00","rule":"FREQ=SECONDLY"}]}}""", "SECONDLY" },
        { """{"programId":"notice","targets":{"devices":["d3"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"},"clashPolicy":"maybe"}""", "clashPolicy" },
        { """{"programId":"notice","targets":{"devices":["Bad Id"]},"recurrence":{"kind":"once","at":"2099-01-01T06:00"}}""", "device id" },
        { "{", "not valid" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_schedule_bodies_are_400_with_the_reason(string body, string detail)
    {
        await AssertProblem(await Broadcaster.PostAsync("/api/schedules", body), HttpStatusCode.BadRequest, detail);
        await AssertProblem(await Broadcaster.PostAsync("/api/schedules/preview", body), HttpStatusCode.BadRequest, detail);
        Assert.Empty((await Broadcaster.GetJsonAsync("/api/schedules")).EnumerateArray());
    }

    private async Task<JsonElement> Create(string program, object recurrence, string[]? devices = null, string[]? zones = null, string[]? areas = null, string? id = null, string? clash = null) =>
        await ApiClient.Ok(await Broadcaster.PostAsync("/api/schedules", Body(program, recurrence, devices, zones, areas, id, clash)));

    private static object Body(string program, object recurrence, string[]? devices = null, string[]? zones = null, string[]? areas = null, string? id = null, string? clash = null) =>
        new { id, programId = program, targets = new { devices, zones, areas }, recurrence, clashPolicy = clash };
}
