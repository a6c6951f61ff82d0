using Ical.Net;
using Ical.Net.DataTypes;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Parses and checks RRULE values with Ical.Net, within the limits a commune calendar needs: nothing finer than a
/// minute, bounded COUNT and INTERVAL, and an UNTIL kept as a floating local time.
/// </summary>
public static class RecurrenceRuleText
{
    public const int MaxLength = 500;
    public const int MaxCount = 100_000;
    public const int MaxInterval = 10_000;

    /// <summary>Null when <paramref name="rule"/> is a usable RRULE value, else why not.</summary>
    public static string? Check(string rule)
    {
        try
        {
            Parse(rule);
            return null;
        }
        catch (SchedulingException e)
        {
            return e.Message;
        }
    }

    /// <summary>Ical.Net's own spelling of the rule, so that equal rules compare equal as text.</summary>
    public static string Canonical(string rule) => Format(Parse(rule));

    public static string Format(RecurrenceRule rule)
    {
        // Ical.Net 5's serializer writes only the RecurrencePattern subclass; a plain RecurrenceRule prints as null.
        if (rule is not RecurrencePattern pattern)
        {
            pattern = new RecurrencePattern();
            pattern.CopyFrom(rule);
        }
        return pattern.ToString() ?? throw new SchedulingException("Ical.Net could not format the RRULE");
    }

    /// <summary>Parses and checks <paramref name="rule"/>; throws <see cref="SchedulingException"/> with the reason.</summary>
    public static RecurrenceRule Parse(string rule)
    {
        if (string.IsNullOrWhiteSpace(rule)) throw new SchedulingException("RRULE is empty");
        if (rule.Length > MaxLength) throw new SchedulingException($"RRULE is longer than {MaxLength} characters");
        if (rule.Any(char.IsControl)) throw new SchedulingException("RRULE contains control characters");
        if (rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) rule = rule[6..];

        RecurrenceRule parsed;
        try
        {
            parsed = new RecurrencePattern(rule);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new SchedulingException($"RRULE '{rule}' is not valid: {e.Message}");
        }
        var error = CheckLimits(parsed);
        if (error is not null) throw new SchedulingException($"RRULE '{rule}': {error}");
        return parsed;
    }

    private static string? CheckLimits(RecurrenceRule r)
    {
        if (r.Frequency is FrequencyType.Secondly || r.BySecond.Count > 0) return "slots are scheduled to the minute: FREQ=SECONDLY (or no FREQ) and BYSECOND are not accepted";
        if (r.Interval is < 1 or > MaxInterval) return $"INTERVAL must be between 1 and {MaxInterval}";
        if (r.Count is { } count && (count < 1 || count > MaxCount)) return $"COUNT must be between 1 and {MaxCount}";
        if (r.Until is { } until)
        {
            if (!until.IsFloating) return "UNTIL must be a local time here (the file codec converts UTC)";
            if (!until.HasTime) return "UNTIL must have a time of day";
            if (BroadcastTimeZone.CheckLocal(until.Value, "UNTIL") is { } range) return range;
        }
        return null;
    }
}
