namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// What a new schedule would clash with over the horizon asked for: every clash, the clashes per device and per
/// entry of the new schedule's targets, and whether the broadcaster has to choose override or append.
/// </summary>
public sealed record ClashReport(
    IReadOnlyList<Clash> Clashes,
    IReadOnlyDictionary<string, IReadOnlyList<Clash>> ByDevice,
    IReadOnlyDictionary<TargetRef, IReadOnlyList<Clash>> ByTarget,
    IReadOnlyList<TargetRef> UnknownTargets,
    bool Truncated)
{
    public bool HasClashes => Clashes.Count > 0;

    /// <summary>True when some clash is with a program of the same class and origin, where the clash policy applies.</summary>
    public bool NeedsChoice => Clashes.Any(c => c.Outcome == ClashOutcome.PolicyDecides);

    /// <summary>The existing programs the new schedule clashes with, per target entry.</summary>
    public IReadOnlyDictionary<TargetRef, IReadOnlyList<BroadcastProgram>> ProgramsByTarget() =>
        ByTarget.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<BroadcastProgram>)kv.Value.Select(c => c.ExistingProgram).DistinctBy(p => p.Id).ToArray());
}
