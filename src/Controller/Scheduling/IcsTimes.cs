using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Calendar = Ical.Net.Calendar;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Turns an imported event's times into Vietnam wall-clock time without a tz database: a TZID is accepted when it
/// names Asia/Ho_Chi_Minh (or an alias), or when the file's own VTIMEZONE for it is a fixed +07:00; UTC and floating
/// times are converted or taken as they are. Anything else is refused rather than guessed.
/// </summary>
internal sealed class IcsTimes
{
    private readonly HashSet<string> _fixedPlusSeven = new(StringComparer.Ordinal);

    public IcsTimes(Calendar calendar)
    {
        foreach (var zone in calendar.TimeZones)
        {
            if (zone.TzId is not { } id) continue;
            var parts = zone.TimeZoneInfos.ToArray();
            if (parts.Length > 0 && parts.All(p => p.OffsetTo?.Offset == BroadcastTimeZone.Offset && (p.OffsetFrom is null || p.OffsetFrom.Offset == BroadcastTimeZone.Offset)))
                _fixedPlusSeven.Add(id);
        }
    }

    public DateTime Start(CalendarEvent evt)
    {
        if (!evt.Properties.ContainsKey("DTSTART")) throw new SchedulingException("DTSTART is missing");
        var start = evt.DtStart ?? throw new SchedulingException("DTSTART is not a valid date-time");
        if (!start.HasTime) throw new SchedulingException("DTSTART has no time of day: all-day events cannot be aired");
        return Local(start, "DTSTART");
    }

    /// <summary>The RRULE with UNTIL as a floating local time, or null.</summary>
    public string? Rule(CalendarEvent evt)
    {
        if (evt.RecurrenceRule is not { } rule) return null;
        var start = evt.DtStart!;
        if (start.IsUtc && (rule.ByDay.Count + rule.ByHour.Count + rule.ByMinute.Count + rule.ByMonthDay.Count + rule.ByYearDay.Count +
                            rule.ByWeekNo.Count + rule.ByMonth.Count + rule.BySetPosition.Count) > 0)
            throw new SchedulingException("a rule with BY… parts anchored in UTC does not mean the same days and hours in Vietnam: export it with TZID=Asia/Ho_Chi_Minh");
        if (rule.Until is { } until)
        {
            var local = until.HasTime ? Local(until, "UNTIL") : until.Value.Date.AddDays(1).AddSeconds(-1);
            rule.Until = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), null, true);
        }
        return RecurrenceRuleText.Canonical(RecurrenceRuleText.Format(rule));
    }

    public TimeSpan Duration(CalendarEvent evt, DateTime localStart)
    {
        if (evt.Properties.ContainsKey("DURATION"))
        {
            var duration = evt.Duration ?? throw new SchedulingException("DURATION is not a valid duration");
            return duration.ToTimeSpanUnspecified();
        }
        if (evt.Properties.ContainsKey("DTEND"))
        {
            var end = evt.DtEnd ?? throw new SchedulingException("DTEND is not a valid date-time");
            if (!end.HasTime) throw new SchedulingException("DTEND has no time of day");
            return Local(end, "DTEND") - localStart;
        }
        throw new SchedulingException("DURATION (or DTEND) is missing: a slot needs a length");
    }

    public DateTimeOffset? Created(CalendarEvent evt)
    {
        if (!evt.Properties.ContainsKey("CREATED")) return null;
        var created = evt.Created ?? throw new SchedulingException("CREATED is not a valid date-time");
        return BroadcastTimeZone.ToInstant(Local(created, "CREATED"));
    }

    private DateTime Local(CalDateTime value, string what)
    {
        DateTime local;
        if (value.IsFloating) local = value.Value;
        else if (value.IsUtc) local = BroadcastTimeZone.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified), TimeSpan.Zero));
        else if (BroadcastTimeZone.IsThisZone(value.TzId) || _fixedPlusSeven.Contains(value.TzId!)) local = value.Value;
        else throw new SchedulingException($"{what} is in time zone '{Clip(value.TzId!)}': only Asia/Ho_Chi_Minh (UTC+7), UTC or floating times are accepted");
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (BroadcastTimeZone.CheckLocal(local, what) is { } error) throw new SchedulingException(error);
        return local;
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
