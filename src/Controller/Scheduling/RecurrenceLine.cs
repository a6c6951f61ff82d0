namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// One DTSTART plus at most one RRULE, both in Vietnam wall-clock time (see <see cref="BroadcastTimeZone"/>).
/// <see cref="Rule"/> is an RFC 5545 RRULE value without the "RRULE:" prefix whose UNTIL, if any, is a floating
/// local time; null means the single slot at <see cref="Start"/>. As in RFC 5545, <see cref="Start"/> is always
/// the first slot. A schedule needs several lines when its slots do not share one time of day.
/// </summary>
public sealed record RecurrenceLine(DateTime Start, string? Rule = null)
{
    public string? Validate() =>
        BroadcastTimeZone.CheckLocal(Start, "start") ?? (Rule is null ? null : RecurrenceRuleText.Check(Rule));
}
