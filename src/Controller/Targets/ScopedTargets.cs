using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Targets;

/// <summary>
/// What a user of an <see cref="AreaScope"/> may target, and which records the user may see. A limited user's
/// <c>all</c> means "all of my areas"; devices and areas must lie in scope; a zone only when every device now placed in
/// it does. Anything else throws <see cref="OutsideScopeException"/> naming it. Unknown ids are left alone so that the
/// resolver reports them as unknown, as it does for everyone. An unlimited scope passes everything through unchanged.
/// Build one per request (the scope caches answers).
/// </summary>
public sealed class ScopedTargets(AreaScope scope, ITargetDirectory directory, TargetResolver resolver)
{
    public AreaScope Scope => scope;

    /// <summary>
    /// <paramref name="targets"/> as this user may aim them: the implicit zone <c>all</c> becomes the user's areas.
    /// </summary>
    /// <exception cref="OutsideScopeException">Some of the targets lie outside the scope.</exception>
    public TargetSet Check(TargetSet targets)
    {
        if (scope.IsUnlimited) return targets;
        var zones = targets.Zones.ToList();
        var areas = targets.Areas.ToList();
        if (zones.Remove(TargetDirectory.AllZone)) areas.AddRange(scope.AreaCodes);
        var placements = directory.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var outside = new List<string>();
        foreach (var id in targets.Devices)
            if (placements.TryGetValue(id, out var p) && !scope.CoversDevice(p)) outside.Add($"device {id}");
        foreach (var zone in zones.Where(directory.ZoneExists))
        {
            var beyond = placements.Values.Where(p => p.Zones.Contains(zone) && !scope.CoversDevice(p)).Select(p => p.DeviceId).Order(StringComparer.Ordinal).ToArray();
            if (beyond.Length > 0) outside.Add($"zone {zone} (holds {string.Join(", ", beyond.Take(5))}{(beyond.Length > 5 ? ", …" : "")})");
        }
        foreach (var area in areas.Distinct(StringComparer.Ordinal))
            if (directory.FindArea(area) is not null && !scope.Covers(area)) outside.Add($"area {area}");
        if (outside.Count > 0) throw new OutsideScopeException(outside, scope);
        return TargetSet.Of(targets.Devices, zones, areas);
    }

    /// <summary>
    /// The speakers a broadcast to <paramref name="targets"/> may go to: <see cref="BroadcastTargets.All"/> becomes
    /// every speaker in the user's areas; named speakers must be in scope.
    /// </summary>
    /// <exception cref="OutsideScopeException">A named speaker lies outside the scope.</exception>
    /// <exception cref="SchedulingException">The user's areas hold no speaker.</exception>
    public BroadcastTargets Check(BroadcastTargets targets)
    {
        if (scope.IsUnlimited) return targets;
        if (!targets.AllDevices)
        {
            Check(TargetSet.Of(devices: targets.DeviceIds));
            return targets;
        }
        var reached = resolver.Resolve(TargetSet.Of(areas: scope.AreaCodes)).DeviceIds;
        return reached.Count > 0
            ? BroadcastTargets.Devices(reached)
            : throw new SchedulingException($"'all' means all of your areas ({scope}) for you, and they hold no speaker");
    }

    /// <summary>Whether the user sees a record about these speakers: some of them lie in scope (always, unlimited).</summary>
    public bool SeesAny(IEnumerable<string> deviceIds)
    {
        if (scope.IsUnlimited) return true;
        var inScope = DevicesInScope();
        return deviceIds.Any(inScope.Contains);
    }

    /// <summary>Whether every one of these speakers lies in scope, so the user may act on what reaches them.</summary>
    public bool HoldsAll(IEnumerable<string> deviceIds)
    {
        if (scope.IsUnlimited) return true;
        var inScope = DevicesInScope();
        return deviceIds.All(inScope.Contains);
    }

    /// <summary>
    /// Whether a stored target set concerns the user: it reaches a speaker in scope, names an area in scope, or names
    /// an area above the user's (a district's program airs in its communes).
    /// </summary>
    public bool Touches(TargetSet targets)
    {
        if (scope.IsUnlimited) return true;
        if (targets.Zones.Contains(TargetDirectory.AllZone)) return true;
        if (targets.Areas.Any(a => scope.Covers(a) || scope.IsAncestorOfScope(a))) return true;
        return SeesAny(resolver.Resolve(targets).DeviceIds);
    }

    /// <summary>Whether the user may change what a stored target set reaches: all of it lies in scope.</summary>
    public bool Holds(TargetSet targets)
    {
        if (scope.IsUnlimited) return true;
        try
        {
            Check(targets);
            return !targets.Zones.Contains(TargetDirectory.AllZone);
        }
        catch (OutsideScopeException)
        {
            return false;
        }
    }

    private HashSet<string>? _inScope;

    private HashSet<string> DevicesInScope() =>
        _inScope ??= directory.Devices.Where(scope.CoversDevice).Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal);
}
