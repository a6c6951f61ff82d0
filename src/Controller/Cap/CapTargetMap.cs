using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Cap;

/// <summary>Which devices an alert's areas reach, and how each was matched (for the ledger and the response).</summary>
public sealed record CapTargets(
    IReadOnlyList<string> DeviceIds,
    IReadOnlyList<string> AreaCodes,
    IReadOnlyList<string> UnknownGeocodes,
    IReadOnlyList<string> DevicesByGeometry)
{
    public bool IsEmpty => DeviceIds.Count == 0;
}

/// <summary>
/// Maps CAP areas to devices, purely: a geocode whose valueName is one of the configured administrative names and
/// whose value is a code in the area tree reaches every device placed under that area (a province code reaches every
/// village below it); a polygon or circle reaches each device whose position lies inside. Areas and their parts add up.
/// </summary>
public static class CapTargetMap
{
    public static CapTargets Map(CapInfo info, ITargetDirectory directory, IReadOnlyDictionary<string, GeoPoint> positions,
        IReadOnlyCollection<string> adminValueNames)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var polygons = new List<IReadOnlyList<GeoPoint>>();
        var circles = new List<(GeoPoint, double)>();
        foreach (var area in info.Areas)
        {
            foreach (var g in area.Geocodes)
            {
                if (g.ValueName is not { } name || g.Value is not { } value) continue;
                if (!adminValueNames.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase)) { unknown.Add($"{name}={value}"); continue; }
                if (directory.FindArea(value.Trim()) is not null) codes.Add(value.Trim());
                else unknown.Add($"{name}={value}");
            }
            foreach (var p in area.Polygons)
                if (CapGeometry.ParsePolygon(p, out _) is { } polygon) polygons.Add(polygon);
            foreach (var c in area.Circles)
                if (CapGeometry.ParseCircle(c, out _) is { } circle) circles.Add(circle);
        }

        var byArea = codes.Count == 0 ? [] : new TargetResolver(directory).Resolve(TargetSet.Of(areas: codes)).DeviceIds;
        var byGeometry = positions
            .Where(kv => polygons.Any(p => CapGeometry.Contains(p, kv.Value)) || circles.Any(c => CapGeometry.Contains(c, kv.Value)))
            .Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        var all = byArea.Concat(byGeometry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new CapTargets(all, codes.ToArray(), unknown.ToArray(), byGeometry);
    }
}
