using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>
/// Who a live session is for: every speaker (<c>all</c>, or the implicit zone <c>all</c>), or the union of devices by
/// id, zones by id and administrative areas by code. Zones and areas are resolved to their speakers when the session
/// starts (<see cref="TargetResolver"/>), so a speaker placed later does not join a session already on air.
/// </summary>
public sealed record LiveTargets(bool All, IReadOnlyList<string> Devices, IReadOnlyList<string> Zones, IReadOnlyList<string> Areas)
{
    public const string QueryRule =
        "name the targets: 'targets' = 'all' or device ids, and/or 'zones' = zone ids, and/or 'areas' = area codes (comma-separated)";

    /// <summary>From the query of <c>/api/live</c>: <c>targets</c>, <c>zones</c>, <c>areas</c>, each comma-separated.</summary>
    public static LiveTargets FromQuery(IQueryCollection query)
    {
        var devices = Split(query["targets"]);
        var all = devices is ["all"];
        return new LiveTargets(all, all ? [] : devices, Split(query["zones"]), Split(query["areas"]));
    }

    /// <summary>
    /// The broadcast targets, or why there are none: bad ids, an unknown zone or area, or nobody reached. For a user
    /// limited to areas (<paramref name="scoped"/>), <c>all</c> means all of their areas.
    /// </summary>
    /// <exception cref="OutsideScopeException">A target lies outside the user's areas.</exception>
    public (BroadcastTargets? Targets, string? Error) Resolve(TargetResolver resolver, ScopedTargets? scoped = null)
    {
        if (All || Zones.Contains(TargetDirectory.AllZone))
        {
            if (scoped is null || scoped.Scope.IsUnlimited) return (BroadcastTargets.All, null);
            try
            {
                return (scoped.Check(BroadcastTargets.All), null);
            }
            catch (SchedulingException e)
            {
                return (null, e.Message);
            }
        }
        var set = TargetSet.Of(Devices, Zones, Areas);
        if (set.IsEmpty) return (null, QueryRule);
        if (set.Validate() is { } invalid) return (null, "bad targets: " + invalid);
        if (scoped is not null) set = scoped.Check(set);
        if (set.Zones.Count == 0 && set.Areas.Count == 0)
            return (BroadcastTargets.Devices(set.Devices), null); // the broadcast service names unknown speakers itself
        var resolution = resolver.Resolve(set);
        var unknown = resolution.Unknown.Where(t => t.Kind != TargetKind.Device).ToArray();
        if (unknown.Length > 0) return (null, "unknown targets: " + string.Join(", ", unknown));
        var reached = resolution.DeviceIds.Concat(set.Devices).Distinct(StringComparer.Ordinal).ToArray();
        if (reached.Length == 0) return (null, $"no speaker stands in {string.Join(", ", set.Refs().Where(r => r.Kind != TargetKind.Device))}");
        return (BroadcastTargets.Devices(reached), null);
    }

    private static string[] Split(IEnumerable<string?> fields) =>
        fields.SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
