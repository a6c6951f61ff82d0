using System.Net;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The air history over HTTP, read from the scheduler's own records: a schedule's ledger records, a Vietnam day's,
/// a device's preemption log. (Scheduled_Product_Tests reads an on-time airing; the benchmark reads preemptions.)
/// </summary>
public sealed class Airings_Api_Tests : CalendarTestBase
{
    protected override Task SeedAsync() => Targets.SeedAsync(Controller);

    [Fact]
    public async Task A_missed_slot_is_listed_with_its_reason_under_its_schedule_and_under_its_Vietnam_day_only()
    {
        // A live slot has no capture yet (issue 5): the scheduler records it missed as soon as it takes it up, a lead
        // time (10 s by default) before its start.
        var bc = Controller.As("bc");
        await bc.PostOkAsync("/api/programs", Schedules_Api_Tests.LiveSlot("loa", 1));
        var start = TestCalendar.SecondsFromNow(12);
        var local = start.ToOffset(TimeSpan.FromHours(7));
        await bc.PostOkAsync("/api/schedules", new
        {
            id = "s-loa", programId = "loa", targets = new { devices = new[] { "d1" } },
            recurrence = new { kind = "once", at = local.ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        var viewer = Controller.As("viewer");
        Assert.Empty((await viewer.GetJsonAsync("/api/schedules/s-loa/airings")).EnumerateArray());

        await Eventually.TrueAsync(async () => (await viewer.GetJsonAsync("/api/schedules/s-loa/airings")).GetArrayLength() > 0,
            TimeSpan.FromSeconds(15), "the slot is recorded");
        var record = Assert.Single((await viewer.GetJsonAsync("/api/schedules/s-loa/airings")).EnumerateArray());
        Assert.Equal("s-loa", record.GetProperty("scheduleId").GetString());
        Assert.Equal("loa", record.GetProperty("programId").GetString());
        Assert.Equal(start, record.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(7), record.GetProperty("start").GetDateTimeOffset().Offset);
        Assert.Equal("missed", record.GetProperty("outcome").GetString());
        Assert.Equal("content-unavailable", record.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("detail").GetString()));
        Assert.InRange(record.GetProperty("decidedAt").GetDateTimeOffset(), start.AddSeconds(-12), start);

        var day = await viewer.GetJsonAsync($"/api/airings?day={local:yyyy-MM-dd}");
        Assert.Equal("s-loa", Assert.Single(day.EnumerateArray()).GetProperty("scheduleId").GetString());
        Assert.Empty((await viewer.GetJsonAsync($"/api/airings?day={local.AddDays(1):yyyy-MM-dd}")).EnumerateArray());
        Assert.Empty((await viewer.GetJsonAsync($"/api/airings?day={local.AddDays(-1):yyyy-MM-dd}")).EnumerateArray());
    }

    [Fact]
    public async Task Unknown_schedules_and_devices_are_404_a_bad_day_is_400_and_a_quiet_device_has_an_empty_log()
    {
        var viewer = Controller.As("viewer");
        await AssertProblem(await viewer.GetAsync("/api/schedules/nope/airings"), HttpStatusCode.NotFound, "nope");
        await AssertProblem(await viewer.GetAsync("/api/devices/nope/preemptions"), HttpStatusCode.NotFound, "nope");
        await AssertProblem(await viewer.GetAsync("/api/airings?day=2025-13-01"), HttpStatusCode.BadRequest, "2025-13-01");
        await AssertProblem(await viewer.GetAsync("/api/airings?day=01/06/2025"), HttpStatusCode.BadRequest, "calendar day");
        Assert.Empty((await viewer.GetJsonAsync("/api/devices/d1/preemptions")).EnumerateArray());
        Assert.Empty((await viewer.GetJsonAsync("/api/airings?day=2025-06-01")).EnumerateArray());
        await AssertProblem(await Controller.Anonymous().GetAsync("/api/devices/d1/preemptions"), HttpStatusCode.Unauthorized, "Bearer");
        await AssertProblem(await Controller.Anonymous().GetAsync("/api/schedules/nope/airings"), HttpStatusCode.Unauthorized, "Bearer");
    }
}
