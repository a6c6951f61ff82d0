using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfoRadio.EndToEnd.Tests.Browser;

/// <summary>
/// The schedule page in Debian's headless Chromium: a broadcaster schedules a weekly program from the form and sees it
/// in the week calendar; a second one at the same time brings the clash warning naming the first, with the server's
/// choices (append, override) and cancel, each doing what it says; an approver approves the first in the queue, and
/// an approver who wrote a program is refused with the server's own words.
/// </summary>
public sealed class SchedulePage_Browser_Tests : IAsyncLifetime
{
    private static readonly string[] Days = ["mo", "tu", "we", "th", "fr", "sa", "su"];

    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;
    private ConsoleBrowser _browser = null!;
    private string _mediaId = null!;

    public async Task InitializeAsync()
    {
        _browser = await ConsoleBrowser.LaunchAsync();
        _controller = await ConsoleUsers.StartAsync(_temp.Sub("data"));
        // A speaker in the registry: clashes are overlaps on a device both schedules reach.
        await _controller.RegisterDeviceAsync("loa-cho");
        _mediaId = await _controller.UploadWavAsync("bc", "Bản tin sáng (ghi âm)", ConsoleUsers.ToneWav(3));
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Two hours from now in Vietnam: every day of the week ticked, the first slot is within a day.</summary>
    private static string SlotTime() =>
        DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_weekly_program_lands_in_the_calendar_a_clash_is_warned_and_an_approver_approves_it()
    {
        var time = SlotTime();
        var page = await _browser.OpenAsync(_controller, "bc", "schedule.html");
        await Assertions.Expect(page.Locator("#program-card")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#prog-media option[value={_mediaId}]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#scope-all")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#target-groups")).ToBeHiddenAsync();

        await FillWeeklyAsync(page, "Bản tin sáng", time);
        await page.SelectOptionAsync("#prog-media", _mediaId);
        await page.ClickAsync("#sched-submit");
        await Assertions.Expect(page.Locator("#sched-status")).ToContainTextAsync("Đã lưu lịch phát “Bản tin sáng”", new() { Timeout = 20_000 });
        var first = Assert.Single(await ProgramsAsync());
        var firstId = first.GetProperty("id").GetString()!;
        Assert.Equal(("pending", "bc", _mediaId), (first.GetProperty("approval").GetString(), first.GetProperty("author").GetString(), first.GetProperty("mediaId").GetString()));
        var schedule = Assert.Single((await _controller.As("viewer").GetJsonAsync("/api/schedules")).EnumerateArray().ToArray());
        Assert.Equal(["all"], schedule.GetProperty("targets").GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        var line = schedule.GetProperty("lines")[0];
        Assert.EndsWith($"T{time}:00", line.GetProperty("start").GetString());
        Assert.Equal(["FREQ=WEEKLY", "BYDAY=FR,MO,SA,SU,TH,TU,WE"], line.GetProperty("rule").GetString()!.Split(';')
            .Select(p => p.StartsWith("BYDAY=", StringComparison.Ordinal) ? "BYDAY=" + string.Join(',', p[6..].Split(',').Order(StringComparer.Ordinal)) : p));

        // The calendar shows the week of the first slot, the slot in its day's column at its time, waiting for approval.
        var firstSlot = schedule.GetProperty("nextSlots")[0].GetProperty("start").GetString()!;
        var slotBox = page.Locator($".cal-day[data-day='{firstSlot[..10]}'] .occ[data-program='{firstId}']");
        await Assertions.Expect(slotBox).ToHaveCountAsync(1);
        await Assertions.Expect(slotBox).ToContainTextAsync(time);
        await Assertions.Expect(slotBox).ToHaveClassAsync(new Regex("waiting"));
        await Screenshots.SaveAsync(page, "schedule-week");

        // Next week: all seven days, one slot each, in the right columns.
        await page.ClickAsync("#week-next");
        await Assertions.Expect(page.Locator($".occ[data-program='{firstId}']")).ToHaveCountAsync(7);
        foreach (var day in await page.Locator(".cal-day").EvaluateAllAsync<string[]>("ds => ds.map(d => d.dataset.day)"))
            await Assertions.Expect(page.Locator($".cal-day[data-day='{day}'] .occ[data-program='{firstId}']")).ToHaveCountAsync(1);
        await page.ClickAsync("#week-prev");

        // The same time again, as a spoken bulletin: the clash warning names the first program and offers the choices.
        await FillWeeklyAsync(page, "Thông báo phòng dịch", time);
        await page.CheckAsync("#prog-kind-tts");
        await page.FillAsync("#prog-text", "Bà con nhớ rửa tay bằng xà phòng và đeo khẩu trang nơi đông người.");
        await page.SelectOptionAsync("#prog-voice", "central");
        await page.ClickAsync("#sched-submit");
        var clash = page.Locator("#clash-warning");
        await Assertions.Expect(clash).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(clash).ToContainTextAsync("Trùng giờ phát");
        await Assertions.Expect(page.Locator("#clash-programs")).ToContainTextAsync("Bản tin sáng");
        await Assertions.Expect(page.Locator($"#clash-programs li[data-program='{firstId}']")).ToHaveCountAsync(1);
        foreach (var button in new[] { "#clash-override", "#clash-append", "#clash-cancel" })
            await Assertions.Expect(page.Locator(button)).ToBeVisibleAsync();
        Assert.Single((await _controller.As("viewer").GetJsonAsync("/api/schedules")).EnumerateArray()); // nothing saved yet
        await Screenshots.SaveAsync(page, "schedule-clash");

        await page.ClickAsync("#clash-append");
        await Assertions.Expect(page.Locator("#sched-status")).ToContainTextAsync("Đã lưu lịch phát “Thông báo phòng dịch”", new() { Timeout = 20_000 });
        await Assertions.Expect(clash).ToBeHiddenAsync();
        var bulletin = (await ProgramsAsync()).Single(p => p.GetProperty("title").GetString() == "Thông báo phòng dịch");
        Assert.Equal(("tts-bulletin", "central"), (bulletin.GetProperty("kind").GetString(), bulletin.GetProperty("voice").GetString()));
        Assert.Equal("append", (await ScheduleOfAsync(bulletin.GetProperty("id").GetString()!)).GetProperty("clashPolicy").GetString());

        // Cancel leaves nothing behind; override is stored with the schedule.
        await FillWeeklyAsync(page, "Nhạc chiều", time);
        await page.CheckAsync("#prog-kind-media");
        await page.ClickAsync("#sched-submit");
        await Assertions.Expect(page.Locator("#clash-cancel")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#clash-programs li")).ToHaveCountAsync(2);
        await page.ClickAsync("#clash-cancel");
        await Assertions.Expect(page.Locator("#sched-status")).ToContainTextAsync("Đã hủy");
        Assert.Equal(2, (await ProgramsAsync()).Length);
        Assert.Equal(2, (await _controller.As("viewer").GetJsonAsync("/api/schedules")).GetArrayLength());

        await FillWeeklyAsync(page, "Thông báo khẩn của xã", time);
        await page.SelectOptionAsync("#prog-class", "priority");
        await page.ClickAsync("#sched-submit");
        await page.ClickAsync("#clash-override", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#sched-status")).ToContainTextAsync("Đã lưu lịch phát “Thông báo khẩn của xã”", new() { Timeout = 20_000 });
        var urgent = (await ProgramsAsync()).Single(p => p.GetProperty("title").GetString() == "Thông báo khẩn của xã");
        Assert.Equal("priority", urgent.GetProperty("class").GetString());
        Assert.Equal("override", (await ScheduleOfAsync(urgent.GetProperty("id").GetString()!)).GetProperty("clashPolicy").GetString());
        await Assertions.Expect(page.Locator($".cal-day[data-day='{firstSlot[..10]}'] .occ")).ToHaveCountAsync(3);
        Assert.Empty(_browser.ErrorsOf(page));

        // Another user, an approver, approves the first program in the queue.
        var approver = await _browser.OpenAsync(_controller, "ap", "schedule.html");
        var queued = approver.Locator($"#approval-list li[data-id='{firstId}']");
        await Assertions.Expect(queued).ToContainTextAsync("Bản tin sáng");
        await Assertions.Expect(approver.Locator("#approval-list li")).ToHaveCountAsync(3);
        Assert.False(await approver.IsVisibleAsync("#program-card"), "an approver schedules nothing: no form");
        await Screenshots.SaveAsync(approver, "schedule-approvals");
        await queued.Locator("button.approve").ClickAsync();
        await Assertions.Expect(approver.Locator("#approval-status")).ToContainTextAsync("Đã duyệt “Bản tin sáng”");
        await Assertions.Expect(queued).ToHaveCountAsync(0);
        var approved = await _controller.As("viewer").GetJsonAsync($"/api/programs/{firstId}");
        Assert.Equal(("approved", "ap"), (approved.GetProperty("approval").GetString(), approved.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString()));
        await Assertions.Expect(approver.Locator($".cal-day[data-day='{firstSlot[..10]}'] .occ[data-program='{firstId}']")).Not.ToHaveClassAsync(new Regex("waiting"));

        // Rejecting asks for the reason, which is kept with the program.
        approver.Dialog += async (_, dialog) => await dialog.AcceptAsync("Cần ghi rõ địa điểm rửa tay.");
        var bulletinId = bulletin.GetProperty("id").GetString()!;
        await approver.Locator($"#approval-list li[data-id='{bulletinId}'] button.reject").ClickAsync();
        await Assertions.Expect(approver.Locator("#approval-status")).ToContainTextAsync("Đã từ chối “Thông báo phòng dịch”");
        await Assertions.Expect(approver.Locator("#approval-list li")).ToHaveCountAsync(1);
        var rejected = await _controller.As("viewer").GetJsonAsync($"/api/programs/{bulletinId}");
        Assert.Equal(("rejected", "Cần ghi rõ địa điểm rửa tay."), (rejected.GetProperty("approval").GetString(), rejected.GetProperty("rejectionReason").GetString()));
        Assert.Empty(_browser.ErrorsOf(approver));
    }

    [Fact]
    public async Task An_approver_who_wrote_the_program_sees_the_servers_refusal_and_the_page_fits_a_phone()
    {
        var program = await _controller.As("boss").PostOkAsync("/api/programs", new { title = "Bản tin của trưởng đài", kind = "audio-file", mediaId = _mediaId, requiresApproval = true });
        var id = program.GetProperty("id").GetString()!;
        await _controller.As("boss").PostOkAsync($"/api/programs/{id}/submit");
        await _controller.As("boss").PostOkAsync("/api/schedules", new
        {
            programId = id, targets = new { zones = new[] { "all" } },
            recurrence = new { kind = "weekly", from = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days = Days, times = new[] { SlotTime() } },
        });

        var page = await _browser.OpenAsync(_controller, "boss", "schedule.html", ConsoleBrowser.Phone);
        await page.Locator($"#approval-list li[data-id='{id}'] button.approve").ClickAsync();
        var status = page.Locator("#approval-status");
        await Assertions.Expect(status).ToContainTextAsync("Không duyệt được “Bản tin của trưởng đài”");
        await Assertions.Expect(status).ToContainTextAsync("người soạn không được tự duyệt");
        await Assertions.Expect(status).ToContainTextAsync("may not approve it"); // the server's own words
        Assert.Equal("pending", (await _controller.As("viewer").GetJsonAsync($"/api/programs/{id}")).GetProperty("approval").GetString());

        await Assertions.Expect(page.Locator($".occ[data-program='{id}']").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "nothing wider than the phone");
        await Screenshots.SaveAsync(page, "schedule-phone");
        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("#approvals-card h2")).ToHaveTextAsync("Awaiting approval");
        await Assertions.Expect(page.Locator("#week-today")).ToHaveTextAsync("This week");
        Assert.Empty(_browser.ErrorsOf(page));
    }

    [Fact]
    public async Task The_calendar_api_places_every_owed_slot_of_the_days_asked_and_refuses_bad_ranges()
    {
        var program = await _controller.As("bc").PostOkAsync("/api/programs", new { title = "Phát lại", kind = "audio-file", mediaId = _mediaId });
        await _controller.As("bc").PostOkAsync("/api/schedules", new
        {
            id = "s-phat-lai", programId = program.GetProperty("id").GetString(), targets = new { zones = new[] { "all" } },
            recurrence = new { kind = "daily", from = "2030-01-01", times = new[] { "06:00", "17:30" } },
        });
        var calendar = await _controller.As("viewer").GetJsonAsync("/api/calendar?from=2030-01-07&days=7");
        Assert.Equal(("2030-01-07", "2030-01-14"), (calendar.GetProperty("from").GetString(), calendar.GetProperty("to").GetString()));
        var slots = calendar.GetProperty("occurrences").EnumerateArray().ToArray();
        Assert.Equal(14, slots.Length);
        Assert.Equal("2030-01-07T06:00:00+07:00", slots[0].GetProperty("start").GetString());
        Assert.Equal("2030-01-07T06:00:03+07:00", slots[0].GetProperty("end").GetString());
        Assert.Equal("2030-01-13T17:30:00+07:00", slots[^1].GetProperty("start").GetString());
        Assert.All(slots, s => Assert.Equal(("s-phat-lai", "Phát lại", true, JsonValueKind.Null),
            (s.GetProperty("scheduleId").GetString(), s.GetProperty("title").GetString(), s.GetProperty("canAir").GetBoolean(), s.GetProperty("outcome").ValueKind)));
        Assert.Empty((await _controller.As("viewer").GetJsonAsync("/api/calendar?from=2029-12-01&days=31")).GetProperty("occurrences").EnumerateArray());

        // A broadcaster limited to Thôn Đông sees the schedules that concern their speakers, not the others'.
        await Targets.SeedAsync(_controller);
        await _controller.As("bc").PostOkAsync("/api/schedules", new
        {
            id = "s-thon-tay", programId = program.GetProperty("id").GetString(), targets = new { areas = new[] { "0898002" } },
            recurrence = new { kind = "once", at = "2030-01-08T09:00" },
        });
        await _controller.As("bc").PostOkAsync("/api/schedules", new
        {
            id = "s-thon-dong", programId = program.GetProperty("id").GetString(), targets = new { areas = new[] { "0898001" } },
            recurrence = new { kind = "once", at = "2030-01-08T10:00" }, clashPolicy = "append",
        });
        Assert.Equal(16, (await _controller.As("viewer").GetJsonAsync("/api/calendar?from=2030-01-07")).GetProperty("occurrences").GetArrayLength());
        var limited = (await _controller.As(ConsoleUsers.Limited).GetJsonAsync("/api/calendar?from=2030-01-07")).GetProperty("occurrences").EnumerateArray();
        Assert.DoesNotContain(limited, s => s.GetProperty("scheduleId").GetString() == "s-thon-tay");
        Assert.Contains(limited, s => s.GetProperty("scheduleId").GetString() == "s-thon-dong");

        Assert.Equal(400, (int)(await _controller.As("viewer").GetAsync("/api/calendar?from=07/01/2030")).StatusCode);
        Assert.Equal(400, (int)(await _controller.As("viewer").GetAsync("/api/calendar?from=2030-01-07&days=32")).StatusCode);
        Assert.Equal(401, (int)(await _controller.Anonymous().GetAsync("/api/calendar")).StatusCode);
    }

    private static async Task FillWeeklyAsync(IPage page, string title, string time)
    {
        await page.FillAsync("#prog-title", title);
        await page.SelectOptionAsync("#sched-repeat", "weekly");
        foreach (var d in Days) await page.CheckAsync("#day-" + d);
        await page.FillAsync("#sched-time", time);
    }

    private async Task<JsonElement[]> ProgramsAsync() => (await _controller.As("viewer").GetJsonAsync("/api/programs")).EnumerateArray().ToArray();

    private async Task<JsonElement> ScheduleOfAsync(string programId) =>
        (await _controller.As("viewer").GetJsonAsync("/api/schedules")).EnumerateArray().Single(s => s.GetProperty("programId").GetString() == programId);
}
