using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>The body of POST /api/schedules and /api/schedules/preview.</summary>
public sealed record ScheduleBody(string? Id, string? ProgramId, TargetsBody? Targets, RecurrenceBody? Recurrence, string? ClashPolicy);

public sealed record TargetsBody(string[]? Devices, string[]? Zones, string[]? Areas);

/// <summary>
/// When a schedule airs, in Vietnam local time. <c>kind</c>: once (<c>at</c>); daily (<c>from</c>, <c>times</c>,
/// optional <c>until</c>); weekly (<c>from</c>, <c>days</c>, <c>times</c>, optional <c>until</c>); date-range
/// (<c>from</c>, <c>until</c>, <c>times</c>); repeat (<c>at</c>, <c>count</c>, <c>intervalMinutes</c>); every-hours
/// (<c>at</c>, <c>hours</c>; until cancelled); rrule (<c>lines</c>: start and RFC 5545 RRULE value).
/// </summary>
public sealed record RecurrenceBody(
    string? Kind,
    string? At,
    string? From,
    string? Until,
    string[]? Times,
    string[]? Days,
    int? Count,
    int? IntervalMinutes,
    int? Hours,
    RecurrenceLineBody[]? Lines);

public sealed record RecurrenceLineBody(string? Start, string? Rule);

/// <summary>Turns a <see cref="ScheduleBody"/> into a schedule through <see cref="ScheduleRules"/>.</summary>
public static class ScheduleRequests
{
    public static readonly IReadOnlyList<string> Kinds = ["once", "daily", "weekly", "date-range", "repeat", "every-hours", "rrule"];

    /// <summary>The schedule the body asks for (without the clash policy); throws <see cref="SchedulingException"/>.</summary>
    public static Schedule Build(ScheduleBody body, string id, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body.ProgramId)) throw new SchedulingException("'programId' is missing");
        if (body.Targets is not { } t) throw new SchedulingException("'targets' is missing: give devices, zones and/or areas");
        if (body.Recurrence is not { } r) throw new SchedulingException($"'recurrence' is missing: its 'kind' is one of {string.Join(", ", Kinds)}");
        var schedule = new Schedule
        {
            Id = id,
            ProgramId = body.ProgramId,
            Lines = Lines(r),
            Targets = TargetSet.Of(t.Devices, t.Zones, t.Areas),
            ClashPolicy = ApiBody.Token<ClashPolicy>(body.ClashPolicy, "clashPolicy", ClashPolicy.Append),
            CreatedAt = now,
        };
        if (schedule.Validate() is { } error) throw new SchedulingException(error);
        return schedule;
    }

    private static IReadOnlyList<RecurrenceLine> Lines(RecurrenceBody r)
    {
        var fields = new Dictionary<string, bool>
        {
            ["at"] = r.At is not null, ["from"] = r.From is not null, ["until"] = r.Until is not null, ["times"] = r.Times is not null,
            ["days"] = r.Days is not null, ["count"] = r.Count is not null, ["intervalMinutes"] = r.IntervalMinutes is not null,
            ["hours"] = r.Hours is not null, ["lines"] = r.Lines is not null,
        };
        string[] uses = r.Kind switch
        {
            "once" => ["at"],
            "daily" => ["from", "times", "until"],
            "weekly" => ["from", "days", "times", "until"],
            "date-range" => ["from", "until", "times"],
            "repeat" => ["at", "count", "intervalMinutes"],
            "every-hours" => ["at", "hours"],
            "rrule" => ["lines"],
            _ => throw new SchedulingException($"'recurrence.kind' must be one of {string.Join(", ", Kinds)}, not '{r.Kind}'"),
        };
        if (fields.FirstOrDefault(f => f.Value && !uses.Contains(f.Key)).Key is { } stray)
            throw new SchedulingException($"'recurrence.{stray}' does not apply to a '{r.Kind}' schedule (it takes {string.Join(", ", uses)})");

        return r.Kind switch
        {
            "once" => ScheduleRules.Once(At(r)),
            "daily" => ScheduleRules.Daily(From(r), Times(r), r.Until is null ? null : Until(r)),
            "weekly" => ScheduleRules.Weekly(From(r), Days(r), Times(r), r.Until is null ? null : Until(r)),
            "date-range" => ScheduleRules.DateRange(From(r), Until(r), Times(r)),
            "repeat" => ScheduleRules.Repeat(At(r), Need(r.Count, "count"), TimeSpan.FromMinutes(r.Count == 1 ? 1 : Need(r.IntervalMinutes, "intervalMinutes"))),
            "every-hours" => ScheduleRules.EveryHours(At(r), Need(r.Hours, "hours")),
            _ => RawLines(r.Lines!),
        };
    }

    private static IReadOnlyList<RecurrenceLine> RawLines(RecurrenceLineBody[] lines)
    {
        if (lines.Length == 0) throw new SchedulingException("'recurrence.lines' is empty");
        if (lines.Length > Schedule.MaxLines) throw new SchedulingException($"at most {Schedule.MaxLines} lines");
        return lines.Select((l, i) =>
        {
            var line = new RecurrenceLine(ApiBody.LocalDateTime(l.Start, $"recurrence.lines[{i}].start"),
                l.Rule is null ? null : RecurrenceRuleText.Canonical(l.Rule));
            return line.Validate() is { } error ? throw new SchedulingException($"recurrence.lines[{i}]: {error}") : line;
        }).ToArray();
    }

    private static DateTime At(RecurrenceBody r) => ApiBody.LocalDateTime(r.At, "recurrence.at");
    private static DateOnly From(RecurrenceBody r) => ApiBody.Date(r.From, "recurrence.from");
    private static DateOnly Until(RecurrenceBody r) => ApiBody.Date(r.Until, "recurrence.until");

    private static IEnumerable<TimeOnly> Times(RecurrenceBody r) =>
        (r.Times ?? throw new SchedulingException("'recurrence.times' is missing: e.g. [\"06:00\", \"17:30\"]"))
        .Select((t, i) => ApiBody.Time(t, $"recurrence.times[{i}]")).ToArray();

    private static IEnumerable<DayOfWeek> Days(RecurrenceBody r) =>
        (r.Days ?? throw new SchedulingException("'recurrence.days' is missing: e.g. [\"mo\", \"we\", \"fr\"]")).Select(Day).ToArray();

    private static DayOfWeek Day(string text)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
            if (text.Length >= 2 && day.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase)) return day;
        throw new SchedulingException($"'{text}' is not a day of the week: use mo, tu, we, th, fr, sa, su or the full English name");
    }

    private static int Need(int? value, string field) => value ?? throw new SchedulingException($"'recurrence.{field}' is missing");
}
