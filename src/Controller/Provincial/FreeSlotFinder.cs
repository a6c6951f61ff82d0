namespace InfoRadio.Controller.Provincial;

/// <summary>A time some of a bulletin's speakers are taken: a session on air, or a scheduled slot.</summary>
public readonly record struct BusyInterval(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Where a priority bulletin goes: the first gap of its length, from <c>earliest</c> on, in which none of its speakers is
/// busy. Pure. When no such gap opens within the longest wait, it airs at <c>earliest</c> anyway: it outranks normal
/// content at the speakers, and a priority bulletin must not wait for ever behind a day of programs.
/// </summary>
public static class FreeSlotFinder
{
    public static (DateTimeOffset Start, bool Free) Find(DateTimeOffset earliest, TimeSpan length, IEnumerable<BusyInterval> busy, TimeSpan maxWait)
    {
        var candidate = earliest;
        foreach (var interval in busy.Where(b => b.End > earliest).OrderBy(b => b.Start))
        {
            if (interval.Start >= candidate + length) break;
            if (interval.End > candidate) candidate = interval.End;
            if (candidate - earliest > maxWait) return (earliest, false);
        }
        return candidate - earliest > maxWait ? (earliest, false) : (candidate, true);
    }
}
