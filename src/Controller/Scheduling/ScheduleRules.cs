using System.Globalization;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Builds the recurrence lines of the schedules a broadcaster asks for in plain words: once, daily, weekly by days,
/// a date range, several times of day, N repeats at an interval, every N hours until cancelled. Dates and times
/// are Vietnam wall-clock time. Each time of day becomes its own line, because one RRULE cannot say "06:30 and 17:00".
/// </summary>
public static class ScheduleRules
{
    public const int MaxTimesOfDay = Schedule.MaxLines;
    public const int MaxRepeats = 1000;
    public const int MaxEveryHours = 24 * 7;

    public static IReadOnlyList<RecurrenceLine> Once(DateTime at) => [new(Local(at))];

    /// <summary>Every day from <paramref name="from"/> (to <paramref name="until"/>, inclusive) at each time.</summary>
    public static IReadOnlyList<RecurrenceLine> Daily(DateOnly from, IEnumerable<TimeOnly> times, DateOnly? until = null)
    {
        CheckRange(from, until);
        return Times(times).Select(t => Line(from.ToDateTime(t), "FREQ=DAILY", until)).ToArray();
    }

    /// <summary>A date range: every day from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static IReadOnlyList<RecurrenceLine> DateRange(DateOnly from, DateOnly to, IEnumerable<TimeOnly> times) =>
        Daily(from, times, to);

    /// <summary>On the given days of the week from <paramref name="from"/> (to <paramref name="until"/>) at each time.</summary>
    public static IReadOnlyList<RecurrenceLine> Weekly(DateOnly from, IEnumerable<DayOfWeek> days, IEnumerable<TimeOnly> times, DateOnly? until = null)
    {
        var daySet = days.Distinct().Order().ToArray();
        if (daySet.Length == 0) throw new SchedulingException("a weekly schedule needs at least one day of the week");
        if (daySet.Any(d => !Enum.IsDefined(d))) throw new SchedulingException("unknown day of the week");
        CheckRange(from, until);
        // RFC 5545 counts DTSTART as the first slot even when it does not match the rule, so start on a listed day.
        var first = from;
        while (!daySet.Contains(first.DayOfWeek)) first = first.AddDays(1);
        if (until is { } u && first > u) throw new SchedulingException("no listed day of the week falls in the range");
        var byDay = string.Join(',', daySet.Select(DayCode));
        return Times(times).Select(t => Line(first.ToDateTime(t), $"FREQ=WEEKLY;BYDAY={byDay}", until)).ToArray();
    }

    /// <summary><paramref name="count"/> slots, the first at <paramref name="first"/>, <paramref name="interval"/> apart.</summary>
    public static IReadOnlyList<RecurrenceLine> Repeat(DateTime first, int count, TimeSpan interval)
    {
        if (count is < 1 or > MaxRepeats) throw new SchedulingException($"repeat count must be between 1 and {MaxRepeats}");
        if (count == 1) return Once(first);
        if (interval < TimeSpan.FromMinutes(1) || interval.Ticks % TimeSpan.TicksPerMinute != 0)
            throw new SchedulingException("the repeat interval must be a whole number of minutes, at least one");
        var minutes = (long)interval.TotalMinutes;
        var (freq, n) = minutes % 1440 == 0 ? ("DAILY", minutes / 1440) : minutes % 60 == 0 ? ("HOURLY", minutes / 60) : ("MINUTELY", minutes);
        if (n > RecurrenceRuleText.MaxInterval) throw new SchedulingException("the repeat interval is too long");
        return [new(Local(first), Canonical($"FREQ={freq};INTERVAL={n};COUNT={count}"))];
    }

    /// <summary>A warning that repeats every <paramref name="hours"/> hours from <paramref name="first"/> until the schedule is cancelled.</summary>
    public static IReadOnlyList<RecurrenceLine> EveryHours(DateTime first, int hours)
    {
        if (hours is < 1 or > MaxEveryHours) throw new SchedulingException($"the repeat must be every 1 to {MaxEveryHours} hours");
        return [new(Local(first), Canonical($"FREQ=HOURLY;INTERVAL={hours}"))];
    }

    private static RecurrenceLine Line(DateTime start, string rule, DateOnly? until)
    {
        if (until is { } u) rule += ";UNTIL=" + u.ToDateTime(new TimeOnly(23, 59, 59)).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        return new RecurrenceLine(Local(start), Canonical(rule));
    }

    private static TimeOnly[] Times(IEnumerable<TimeOnly> times)
    {
        var list = times.Distinct().Order().ToArray();
        if (list.Length == 0) throw new SchedulingException("at least one time of day is needed");
        if (list.Length > MaxTimesOfDay) throw new SchedulingException($"at most {MaxTimesOfDay} times of day");
        if (list.Any(t => t.Ticks % TimeSpan.TicksPerSecond != 0)) throw new SchedulingException("times of day must be whole seconds");
        return list;
    }

    private static void CheckRange(DateOnly from, DateOnly? until)
    {
        if (until is { } u && u < from) throw new SchedulingException("the last day is before the first");
    }

    private static DateTime Local(DateTime value)
    {
        var local = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (BroadcastTimeZone.CheckLocal(local, "start") is { } error) throw new SchedulingException(error);
        return local;
    }

    private static string Canonical(string rule) => RecurrenceRuleText.Canonical(rule);

    private static string DayCode(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "MO",
        DayOfWeek.Tuesday => "TU",
        DayOfWeek.Wednesday => "WE",
        DayOfWeek.Thursday => "TH",
        DayOfWeek.Friday => "FR",
        DayOfWeek.Saturday => "SA",
        _ => "SU",
    };
}
