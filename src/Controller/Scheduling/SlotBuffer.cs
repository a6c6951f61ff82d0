namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The planner's expansion of every schedule over a look-ahead window, kept until the window is passed or the
/// catalog changes, so ticks cost a search rather than a recurrence evaluation.
/// </summary>
internal sealed class SlotBuffer(ISchedulingCatalog catalog, TimeSpan lookahead)
{
    private (ScheduledSlot Slot, Schedule Schedule)[] _slots = [];
    private DateTimeOffset _from;
    private DateTimeOffset _to;
    private long _version = -1;
    private readonly List<ScheduleProblem> _problems = [];

    public DateTimeOffset? End => _version < 0 ? null : _to;

    /// <summary>Slots starting in [from, to), in start order; problems met while expanding are added to <paramref name="problems"/>.</summary>
    public IEnumerable<(ScheduledSlot Slot, Schedule Schedule)> Slots(DateTimeOffset from, DateTimeOffset to, List<ScheduleProblem> problems)
    {
        if (catalog.Version != _version || from < _from || to > _to) Fill(from, to - from > lookahead ? to : from + lookahead);
        problems.AddRange(_problems);
        var i = FirstAtOrAfter(from);
        var result = new List<(ScheduledSlot, Schedule)>();
        for (; i < _slots.Length && _slots[i].Slot.Start < to; i++) result.Add(_slots[i]);
        return result;
    }

    public DateTimeOffset? NextStartAfter(DateTimeOffset instant)
    {
        if (_version < 0) return null;
        var i = FirstAtOrAfter(instant + TimeSpan.FromTicks(1));
        return i < _slots.Length ? _slots[i].Slot.Start : null;
    }

    private void Fill(DateTimeOffset from, DateTimeOffset to)
    {
        _version = catalog.Version;
        _problems.Clear();
        var all = new List<(ScheduledSlot, Schedule)>();
        foreach (var schedule in catalog.Schedules)
        {
            // A missing program still owes its slots a ledger record, so expand with no length rather than skip.
            var duration = catalog.FindProgram(schedule.ProgramId)?.Duration ?? TimeSpan.Zero;
            try
            {
                foreach (var start in RecurrenceExpander.Starts(schedule, from, to))
                    all.Add((new ScheduledSlot(schedule.Id, schedule.ProgramId, start, duration), schedule));
            }
            catch (SchedulingException e)
            {
                _problems.Add(new ScheduleProblem(schedule.Id, e.Message));
            }
        }
        _slots = all.OrderBy(x => x.Item1.Start).ThenBy(x => x.Item1.ScheduleId, StringComparer.Ordinal).ToArray();
        _from = from;
        _to = to;
    }

    private int FirstAtOrAfter(DateTimeOffset instant)
    {
        int lo = 0, hi = _slots.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_slots[mid].Slot.Start < instant) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
