namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Turns targets into device ids: devices by id, zones by membership, areas by walking each device's village up the
/// administrative tree, so a province code reaches every device in every village below it.
/// </summary>
public sealed class TargetResolver(ITargetDirectory directory)
{
    /// <summary>Deeper than any real tree; stops a corrupt parent cycle from looping.</summary>
    private const int MaxTreeDepth = 16;

    public TargetResolution Resolve(TargetSet targets)
    {
        var known = directory.Devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var byTarget = new Dictionary<TargetRef, IReadOnlyList<string>>();
        var unknown = new List<TargetRef>();

        foreach (var id in targets.Devices)
        {
            var target = TargetRef.Device(id);
            if (known.ContainsKey(id)) byTarget[target] = [id];
            else unknown.Add(target);
        }

        foreach (var zone in targets.Zones)
        {
            var target = TargetRef.Zone(zone);
            if (!directory.ZoneExists(zone)) { unknown.Add(target); continue; }
            byTarget[target] = directory.Devices.Where(d => d.Zones.Contains(zone)).Select(d => d.DeviceId).Order(StringComparer.Ordinal).ToArray();
        }

        if (targets.Areas.Count > 0)
        {
            var ancestry = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var code in targets.Areas)
            {
                var target = TargetRef.Area(code);
                if (directory.FindArea(code) is null) { unknown.Add(target); continue; }
                byTarget[target] = directory.Devices
                    .Where(d => d.VillageCode is { } v && Ancestry(v, ancestry).Contains(code))
                    .Select(d => d.DeviceId).Order(StringComparer.Ordinal).ToArray();
            }
        }

        var all = byTarget.Values.SelectMany(d => d).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new TargetResolution(all, byTarget, unknown);
    }

    /// <summary>The village's code and every code above it, cached per village.</summary>
    private HashSet<string> Ancestry(string villageCode, Dictionary<string, HashSet<string>> cache)
    {
        if (cache.TryGetValue(villageCode, out var codes)) return codes;
        codes = new HashSet<string>(StringComparer.Ordinal);
        string? code = villageCode;
        for (var depth = 0; code is not null && depth < MaxTreeDepth && codes.Add(code); depth++)
            code = directory.FindArea(code)?.ParentCode;
        cache[villageCode] = codes;
        return codes;
    }
}
