namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Finds, before a schedule is saved, which slots of existing schedules its slots would overlap on the same
/// devices over a horizon, and how each clash would be arbitrated.
/// </summary>
public sealed class ClashDetector(TargetResolver resolver)
{
    public const int DefaultMaxClashes = 1000;

    public ClashReport Detect(ScheduledProgram candidate, IEnumerable<ScheduledProgram> existing, DateTimeOffset from, DateTimeOffset to, int maxClashes = DefaultMaxClashes)
    {
        var mine = resolver.Resolve(candidate.Schedule.Targets);
        var myDevices = mine.DeviceIds.ToHashSet(StringComparer.Ordinal);
        var mySlots = Overlapping(candidate, from, to);
        var clashes = new List<Clash>();
        var truncated = false;

        foreach (var other in existing)
        {
            if (other.Schedule.Id == candidate.Schedule.Id || truncated) continue;
            var shared = resolver.Resolve(other.Schedule.Targets).DeviceIds.Where(myDevices.Contains).ToArray();
            if (shared.Length == 0) continue;
            var outcome = Outcome(candidate.Program, other.Program);
            var theirs = Overlapping(other, from, to);
            // Both lists are sorted by start and each has one duration, so they are sorted by end too.
            var first = 0;
            foreach (var slot in mySlots)
            {
                while (first < theirs.Count && theirs[first].End <= slot.Start) first++;
                for (var k = first; k < theirs.Count && theirs[k].Start < slot.End; k++)
                {
                    if (clashes.Count == maxClashes) { truncated = true; break; }
                    clashes.Add(new Clash(slot, theirs[k], other.Program, outcome, shared));
                }
                if (truncated) break;
            }
        }

        var byDevice = clashes
            .SelectMany(c => c.DeviceIds.Select(d => (Device: d, Clash: c)))
            .GroupBy(x => x.Device, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Clash>)g.Select(x => x.Clash).ToArray(), StringComparer.Ordinal);
        var byTarget = new Dictionary<TargetRef, IReadOnlyList<Clash>>();
        foreach (var (target, devices) in mine.ByTarget)
        {
            var reached = devices.ToHashSet(StringComparer.Ordinal);
            var hits = clashes.Where(c => c.DeviceIds.Any(reached.Contains)).ToArray();
            if (hits.Length > 0) byTarget[target] = hits;
        }
        return new ClashReport(clashes, byDevice, byTarget, mine.Unknown, truncated);
    }

    /// <summary>How arbitration at a device would treat the candidate against an existing program.</summary>
    public static ClashOutcome Outcome(BroadcastProgram candidate, BroadcastProgram existing)
    {
        var rank = DeviceArbiter.CompareRank(candidate.Class, candidate.Origin, existing.Class, existing.Origin);
        return rank > 0 ? ClashOutcome.CandidateOutranks : rank < 0 ? ClashOutcome.CandidateOutranked : ClashOutcome.PolicyDecides;
    }

    /// <summary>Slots that are on air at some instant of [from, to), including those that started before it.</summary>
    private static IReadOnlyList<ScheduledSlot> Overlapping(ScheduledProgram sp, DateTimeOffset from, DateTimeOffset to) =>
        RecurrenceExpander.Slots(sp.Schedule, sp.Program, from - sp.Program.Duration, to).Where(s => s.End > from).ToArray();
}
