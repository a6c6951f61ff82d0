using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The slots of a schedule within a window, computed by Ical.Net. Rules are evaluated on floating (zone-less) local
/// times and turned into instants with the fixed UTC+7 offset here, so no tz database is ever consulted.
/// </summary>
public static class RecurrenceExpander
{
    public const int DefaultMaxSlots = 100_000;

    /// <summary>How many candidate steps a rule may take without a match before it is judged unable to occur.</summary>
    private const int MaxUnmatchedIncrements = 200_000;

    /// <summary>
    /// Starts of the slots the schedule owes (see <see cref="Schedule.Owes"/>) in [<paramref name="from"/>,
    /// <paramref name="to"/>), ascending and without duplicates. Throws <see cref="SchedulingException"/> when the
    /// window holds more than <paramref name="maxSlots"/> or a rule cannot be evaluated.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Starts(Schedule schedule, DateTimeOffset from, DateTimeOffset to, int maxSlots = DefaultMaxSlots)
    {
        var set = new SortedSet<DateTimeOffset>();
        foreach (var line in schedule.Lines)
        {
            foreach (var start in Starts(line, from, to, maxSlots))
                if (schedule.Owes(start)) set.Add(start);
            if (set.Count > maxSlots) throw TooMany(schedule.Id, maxSlots);
        }
        return set.ToArray();
    }

    /// <summary>The schedule's slots in the window, each lasting the program's duration.</summary>
    public static IReadOnlyList<ScheduledSlot> Slots(Schedule schedule, BroadcastProgram program, DateTimeOffset from, DateTimeOffset to, int maxSlots = DefaultMaxSlots) =>
        Starts(schedule, from, to, maxSlots).Select(s => new ScheduledSlot(schedule.Id, program.Id, s, program.Duration)).ToArray();

    /// <summary>Starts of one line in [<paramref name="from"/>, <paramref name="to"/>), ascending.</summary>
    public static IReadOnlyList<DateTimeOffset> Starts(RecurrenceLine line, DateTimeOffset from, DateTimeOffset to, int maxSlots = DefaultMaxSlots)
    {
        if (to <= from) return [];
        if (line.Rule is null)
        {
            var single = BroadcastTimeZone.ToInstant(line.Start);
            return single >= from && single < to ? [single] : [];
        }

        var rule = RecurrenceRuleText.Parse(line.Rule);
        var fromLocal = BroadcastTimeZone.ToLocal(from);
        var toLocal = BroadcastTimeZone.ToLocal(to);
        if (fromLocal < line.Start) fromLocal = line.Start;
        var evt = new CalendarEvent { DtStart = Floating(line.Start), RecurrenceRule = rule };
        var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };
        var result = new List<DateTimeOffset>();
        try
        {
            // Start the search a second early: zero-length periods exactly at the window's start must not be lost.
            foreach (var occurrence in evt.GetOccurrences(Floating(fromLocal.AddSeconds(-1)), options))
            {
                var local = occurrence.Period.StartTime.Value;
                if (local >= toLocal) break;
                var start = BroadcastTimeZone.ToInstant(local);
                if (start < from) continue;
                result.Add(start);
                if (result.Count > maxSlots) throw TooMany(line.Rule, maxSlots);
            }
        }
        catch (EvaluationLimitExceededException)
        {
            throw new SchedulingException($"RRULE '{line.Rule}' finds no slot in {MaxUnmatchedIncrements} steps: it can never or almost never occur");
        }
        catch (EvaluationOutOfRangeException)
        {
            // The rule ran past the year 9999: there are no further slots.
        }
        return result;
    }

    private static CalDateTime Floating(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), null, true);

    private static SchedulingException TooMany(string what, int max) =>
        new($"{what} has more than {max} slots in the window asked for");
}
