using InfoRadio.Controller.Scheduling;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class RecurrenceExpander_Tests
{
    private static IReadOnlyList<DateTimeOffset> Expand(IReadOnlyList<RecurrenceLine> lines, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? cancelled = null, DateTimeOffset? created = null) =>
        RecurrenceExpander.Starts(Schedule("s", "p", lines, createdAt: created ?? NewYear.AddYears(-5), cancelledAt: cancelled), from, to);

    [Fact]
    public void Once_gives_one_slot_when_the_window_holds_it()
    {
        var lines = ScheduleRules.Once(Local(2025, 3, 8, 9, 30));
        Assert.Equal([Vn(2025, 3, 8, 9, 30)], Expand(lines, Vn(2025, 3, 1), Vn(2025, 4, 1)));
        Assert.Empty(Expand(lines, Vn(2025, 3, 9), Vn(2025, 4, 1)));
    }

    [Fact]
    public void The_window_includes_its_start_and_excludes_its_end()
    {
        var lines = ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]);
        Assert.Equal([Vn(2025, 2, 1, 7), Vn(2025, 2, 2, 7)], Expand(lines, Vn(2025, 2, 1, 7), Vn(2025, 2, 3, 7)));
        Assert.Equal([Vn(2025, 1, 1, 7)], Expand(ScheduleRules.Once(Local(2025, 1, 1, 7)), Vn(2025, 1, 1, 7), Vn(2025, 1, 1, 7, 0, 1)));
        Assert.Empty(Expand(ScheduleRules.Once(Local(2025, 1, 1, 7)), Vn(2025, 1, 1, 6), Vn(2025, 1, 1, 7)));
    }

    [Fact]
    public void Daily_at_several_times_of_day_makes_one_line_per_time()
    {
        var lines = ScheduleRules.Daily(new DateOnly(2025, 5, 1), [new TimeOnly(17, 0), new TimeOnly(6, 30)]);
        Assert.Equal(2, lines.Count);
        Assert.Equal(Local(2025, 5, 1, 6, 30), lines[0].Start);
        Assert.Equal("FREQ=DAILY", lines[0].Rule);
        var starts = Expand(lines, Vn(2025, 5, 1), Vn(2025, 5, 3, 12));
        Assert.Equal([Vn(2025, 5, 1, 6, 30), Vn(2025, 5, 1, 17), Vn(2025, 5, 2, 6, 30), Vn(2025, 5, 2, 17), Vn(2025, 5, 3, 6, 30)], starts);
        Assert.All(starts, s => Assert.Equal(TimeSpan.FromHours(7), s.Offset));
    }

    [Fact]
    public void Daily_until_includes_the_whole_last_day()
    {
        var lines = ScheduleRules.Daily(new DateOnly(2025, 5, 1), [new TimeOnly(6, 0), new TimeOnly(23, 30)], until: new DateOnly(2025, 5, 3));
        var starts = Expand(lines, Vn(2025, 4, 1), Vn(2025, 6, 1));
        Assert.Equal(6, starts.Count);
        Assert.Equal(Vn(2025, 5, 3, 23, 30), starts[^1]);
    }

    [Fact]
    public void A_date_range_is_daily_from_first_to_last_day()
    {
        var lines = ScheduleRules.DateRange(new DateOnly(2025, 2, 27), new DateOnly(2025, 3, 2), [new TimeOnly(19, 0)]);
        Assert.Equal([Vn(2025, 2, 27, 19), Vn(2025, 2, 28, 19), Vn(2025, 3, 1, 19), Vn(2025, 3, 2, 19)], Expand(lines, NewYear, NewYear.AddYears(1)));
        Assert.Throws<SchedulingException>(() => ScheduleRules.DateRange(new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 1), [new TimeOnly(7, 0)]));
    }

    [Fact]
    public void Weekly_by_days_starts_on_the_first_listed_day_and_keeps_to_the_days()
    {
        // 2025-01-07 is a Tuesday: the first slot is Wednesday the 8th, not the start date.
        var lines = ScheduleRules.Weekly(new DateOnly(2025, 1, 7), [DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Wednesday], [new TimeOnly(18, 0)]);
        Assert.Equal(Local(2025, 1, 8, 18), lines[0].Start);
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO,WE,FR", lines[0].Rule);
        var starts = Expand(lines, NewYear, Vn(2025, 1, 21));
        Assert.Equal([Vn(2025, 1, 8, 18), Vn(2025, 1, 10, 18), Vn(2025, 1, 13, 18), Vn(2025, 1, 15, 18), Vn(2025, 1, 17, 18), Vn(2025, 1, 20, 18)], starts);
        Assert.All(starts, s => Assert.Contains(s.DayOfWeek, new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday }));
    }

    [Fact]
    public void Weekly_needs_a_day_that_falls_in_the_range()
    {
        Assert.Throws<SchedulingException>(() => ScheduleRules.Weekly(new DateOnly(2025, 1, 7), [], [new TimeOnly(7, 0)]));
        // Tuesday to Wednesday holds no Sunday.
        Assert.Throws<SchedulingException>(() => ScheduleRules.Weekly(new DateOnly(2025, 1, 7), [DayOfWeek.Sunday], [new TimeOnly(7, 0)], new DateOnly(2025, 1, 8)));
    }

    [Theory]
    [InlineData(20, "FREQ=MINUTELY;INTERVAL=20;COUNT=3")]
    [InlineData(90, "FREQ=MINUTELY;INTERVAL=90;COUNT=3")]
    [InlineData(120, "FREQ=HOURLY;INTERVAL=2;COUNT=3")]
    [InlineData(2880, "FREQ=DAILY;INTERVAL=2;COUNT=3")]
    public void Repeat_n_times_with_an_interval(int minutes, string rule)
    {
        var lines = ScheduleRules.Repeat(Local(2025, 8, 1, 8), 3, TimeSpan.FromMinutes(minutes));
        Assert.Equal(rule, lines.Single().Rule);
        var first = Vn(2025, 8, 1, 8);
        Assert.Equal([first, first.AddMinutes(minutes), first.AddMinutes(2 * minutes)], Expand(lines, first.AddDays(-1), first.AddDays(30)));
    }

    [Fact]
    public void Repeat_rejects_what_it_cannot_say()
    {
        Assert.Null(ScheduleRules.Repeat(Local(2025, 8, 1, 8), 1, TimeSpan.Zero).Single().Rule);
        Assert.Throws<SchedulingException>(() => ScheduleRules.Repeat(Local(2025, 8, 1, 8), 3, TimeSpan.FromSeconds(30)));
        Assert.Throws<SchedulingException>(() => ScheduleRules.Repeat(Local(2025, 8, 1, 8), 3, TimeSpan.FromSeconds(90)));
        Assert.Throws<SchedulingException>(() => ScheduleRules.Repeat(Local(2025, 8, 1, 8), 0, TimeSpan.FromMinutes(5)));
        Assert.Throws<SchedulingException>(() => ScheduleRules.Repeat(Local(2025, 8, 1, 8), ScheduleRules.MaxRepeats + 1, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_warning_every_n_hours_runs_until_cancelled()
    {
        var lines = ScheduleRules.EveryHours(Local(2025, 9, 10, 5), 3);
        var starts = Expand(lines, Vn(2025, 9, 10), Vn(2025, 9, 11));
        Assert.Equal([5, 8, 11, 14, 17, 20, 23], starts.Select(s => s.Hour));
        Assert.Equal(300, Expand(lines, Vn(2025, 9, 10), Vn(2025, 9, 10, 5).AddHours(900)).Count);

        var cancelled = Expand(lines, Vn(2025, 9, 10), Vn(2025, 9, 30), cancelled: Vn(2025, 9, 10, 14));
        Assert.Equal([5, 8, 11], cancelled.Select(s => s.Hour));
    }

    [Fact]
    public void Cancelling_again_never_brings_slots_back()
    {
        var s = Schedule("s", "p", ScheduleRules.EveryHours(Local(2025, 9, 10, 5), 1));
        var first = s.Cancel(Vn(2025, 9, 10, 8));
        Assert.Equal(Vn(2025, 9, 10, 8), first.Cancel(Vn(2025, 9, 11)).CancelledAt);
        Assert.Equal(Vn(2025, 9, 10, 6), first.Cancel(Vn(2025, 9, 10, 6)).CancelledAt);
    }

    [Fact]
    public void Slots_before_the_schedule_was_created_are_not_owed()
    {
        var lines = ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]);
        var starts = Expand(lines, NewYear, Vn(2025, 1, 6), created: Vn(2025, 1, 3, 7));
        Assert.Equal([Vn(2025, 1, 3, 7), Vn(2025, 1, 4, 7), Vn(2025, 1, 5, 7)], starts);
    }

    [Fact]
    public void A_window_years_after_the_first_slot_is_exact()
    {
        var lines = ScheduleRules.Weekly(new DateOnly(2025, 1, 1), [DayOfWeek.Sunday], [new TimeOnly(20, 15)]);
        var starts = Expand(lines, Vn(2031, 2, 1), Vn(2031, 3, 1));
        Assert.Equal([Vn(2031, 2, 2, 20, 15), Vn(2031, 2, 9, 20, 15), Vn(2031, 2, 16, 20, 15), Vn(2031, 2, 23, 20, 15)], starts);
    }

    [Fact]
    public void Lines_that_meet_at_the_same_instant_give_one_slot()
    {
        var lines = new[] { new RecurrenceLine(Local(2025, 1, 1, 7), "FREQ=DAILY"), new RecurrenceLine(Local(2025, 1, 1, 7), "FREQ=WEEKLY") };
        Assert.Equal(14, Expand(lines, NewYear, NewYear.AddDays(14)).Count);
    }

    [Fact]
    public void Too_many_slots_in_a_window_is_an_error_not_a_hang()
    {
        var s = Schedule("s", "p", [new RecurrenceLine(Local(2025, 1, 1), "FREQ=MINUTELY")], createdAt: NewYear.AddDays(-1));
        var e = Assert.Throws<SchedulingException>(() => RecurrenceExpander.Starts(s, NewYear, NewYear.AddDays(30), maxSlots: 1000));
        Assert.Contains("more than 1000 slots", e.Message);
    }

    [Fact]
    public void A_rule_that_can_never_occur_is_reported()
    {
        var s = Schedule("s", "p", [new RecurrenceLine(Local(2025, 1, 1, 7), "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]);
        var e = Assert.Throws<SchedulingException>(() => RecurrenceExpander.Starts(s, NewYear.AddDays(1), NewYear.AddYears(1)));
        Assert.Contains("never", e.Message);
    }

    [Fact]
    public void A_leap_day_rule_finds_its_rare_slots()
    {
        var s = Schedule("s", "p", [new RecurrenceLine(Local(2024, 2, 29, 7), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")], createdAt: NewYear.AddYears(-2));
        Assert.Equal([Vn(2028, 2, 29, 7), Vn(2032, 2, 29, 7)], RecurrenceExpander.Starts(s, NewYear, NewYear.AddYears(8)));
    }

    [Theory]
    [InlineData("FREQ=SECONDLY", "SECONDLY")]
    [InlineData("FREQ=MINUTELY;BYSECOND=10", "BYSECOND")]
    [InlineData("FREQ=DAILY;COUNT=0", "COUNT")]
    [InlineData("FREQ=DAILY;COUNT=100001", "COUNT")]
    [InlineData("FREQ=DAILY;INTERVAL=10001", "INTERVAL")]
    [InlineData("FREQ=DAILY;UNTIL=20250101T000000Z", "local time")]
    [InlineData("FREQ=DAILY;UNTIL=20250101", "time of day")]
    [InlineData("FREQ=FORTNIGHTLY", "not valid")]
    [InlineData("FREQ=DAILY;BYHOUR=25", "not valid")]
    [InlineData("", "empty")]
    [InlineData("FREQ=DAILY\r\nX:Y", "control")]
    public void Rules_outside_the_limits_are_refused_with_the_reason(string rule, string expected)
    {
        var error = RecurrenceRuleText.Check(rule);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Good_rules_pass_and_print_canonically()
    {
        Assert.Null(RecurrenceRuleText.Check("FREQ=WEEKLY;BYDAY=MO,TU;UNTIL=20251231T235959"));
        Assert.Equal("FREQ=WEEKLY;UNTIL=20251231T235959;BYDAY=MO,TU", RecurrenceRuleText.Canonical("RRULE:FREQ=WEEKLY;BYDAY=MO,TU;UNTIL=20251231T235959"));
    }
}
