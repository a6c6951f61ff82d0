using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Decides, for one device at one instant, which slot plays: the highest class wins; within a class the highest
/// origin; among equals, slots take the air in start order, and each later one either overrides (takes the air,
/// the one it displaces follows its preemption policy) or appends (waits its turn), as its schedule's clash policy
/// says. Everything outranked follows its own preemption policy: resume where it stopped, restart, or skip.
/// A pure function: the same candidates always give the same decision, on every device.
/// </summary>
public static class DeviceArbiter
{
    public static ArbitrationDecision Decide(IEnumerable<ArbitrationCandidate> candidates)
    {
        var ordered = candidates.Order(PlayOrder.Instance).ToArray();
        if (ordered.Length == 0) return ArbitrationDecision.Empty;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in ordered)
            if (!ids.Add(c.SlotId)) throw new ArgumentException($"slot {c.SlotId} is listed twice", nameof(candidates));

        // The top-ranked group, already in start order: fold the clash policies to find who holds the air.
        var top = ordered.TakeWhile(c => SameRank(c, ordered[0])).ToArray();
        var holder = top[0];
        var overridden = new List<ArbitrationCandidate>();
        var appended = new List<ArbitrationCandidate>();
        foreach (var next in top.Skip(1))
        {
            if (next.ClashPolicy == ClashPolicy.Override) { overridden.Add(holder); holder = next; }
            else appended.Add(next);
        }

        var verdicts = new List<SlotVerdict>(ordered.Length);
        foreach (var c in ordered)
        {
            if (ReferenceEquals(c, holder)) verdicts.Add(new SlotVerdict(c, SlotRole.Playing, VerdictReason.Winner, c.OnAir ? c.Played : ComeBack(c), null));
            else if (appended.Contains(c)) verdicts.Add(new SlotVerdict(c, SlotRole.Queued, VerdictReason.Appended, ComeBack(c), holder.SlotId));
            else verdicts.Add(Displaced(c, overridden.Contains(c) ? VerdictReason.Overridden : VerdictReason.Outranked, holder));
        }
        // Playing first, then the rest in the order they would get the air (rank, then start).
        return new ArbitrationDecision([.. verdicts.Where(v => v.Role == SlotRole.Playing), .. verdicts.Where(v => v.Role != SlotRole.Playing)]);
    }

    /// <summary>Positive when (classA, originA) outranks (classB, originB), zero when equal.</summary>
    public static int CompareRank(PriorityClass classA, OriginLevel originA, PriorityClass classB, OriginLevel originB)
    {
        var c = classA.CompareTo(classB);
        return c != 0 ? c : originA.CompareTo(originB);
    }

    private static SlotVerdict Displaced(ArbitrationCandidate c, VerdictReason reason, ArbitrationCandidate holder) =>
        c.Preemption == PreemptionPolicy.Skip
            ? new SlotVerdict(c, SlotRole.Skipped, reason, c.Played, holder.SlotId)
            : new SlotVerdict(c, SlotRole.Preempted, reason, ComeBack(c), holder.SlotId);

    /// <summary>Where a slot that is (or will be) off the air plays from when it gets the air: where it stopped, or zero.</summary>
    private static TimeSpan ComeBack(ArbitrationCandidate c) =>
        c.Preemption == PreemptionPolicy.Restart ? TimeSpan.Zero : c.Played;

    private static bool SameRank(ArbitrationCandidate a, ArbitrationCandidate b) =>
        CompareRank(a.Class, a.Origin, b.Class, b.Origin) == 0;

    /// <summary>Rank descending, then start ascending, then slot id so that every device orders ties alike.</summary>
    private sealed class PlayOrder : IComparer<ArbitrationCandidate>
    {
        public static readonly PlayOrder Instance = new();

        public int Compare(ArbitrationCandidate? a, ArbitrationCandidate? b)
        {
            var rank = CompareRank(b!.Class, b.Origin, a!.Class, a.Origin);
            if (rank != 0) return rank;
            var start = a.Start.CompareTo(b.Start);
            return start != 0 ? start : string.CompareOrdinal(a.SlotId, b.SlotId);
        }
    }
}
