using System.Globalization;

namespace InfoRadio.Controller.Cap;

/// <summary>A WGS 84 point in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);

/// <summary>
/// CAP polygons ("lat,lon lat,lon …", closed, at least four pairs) and circles ("lat,lon radius" in km), parsed and
/// tested against a device's position. Polygons are tested in plain latitude/longitude (fine at commune scale and away
/// from the antimeridian, which Vietnam is); circles by great-circle distance.
/// </summary>
public static class CapGeometry
{
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>The polygon's points, or null with <paramref name="error"/> saying why not.</summary>
    public static IReadOnlyList<GeoPoint>? ParsePolygon(string text, out string? error)
    {
        var pairs = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var points = new List<GeoPoint>(pairs.Length);
        foreach (var pair in pairs)
        {
            if (ParsePoint(pair) is not { } p) { error = $"'{Short(pair)}' is not a 'latitude,longitude' pair in range"; return null; }
            points.Add(p);
        }
        if (points.Count < 4) { error = $"a polygon needs at least 4 points (the first repeated last), not {points.Count}"; return null; }
        if (points[0] != points[^1]) { error = "a polygon must be closed: its last point must equal its first"; return null; }
        error = null;
        return points;
    }

    /// <summary>The circle's centre and radius (km), or null with <paramref name="error"/> saying why not.</summary>
    public static (GeoPoint Centre, double RadiusKm)? ParseCircle(string text, out string? error)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || ParsePoint(parts[0]) is not { } centre)
        {
            error = $"'{Short(text)}' is not a circle 'latitude,longitude radius'";
            return null;
        }
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || radius < 0 || !double.IsFinite(radius))
        {
            error = $"the circle's radius '{Short(parts[1])}' is not a distance in kilometres";
            return null;
        }
        error = null;
        return (centre, radius);
    }

    public static bool Contains(IReadOnlyList<GeoPoint> polygon, GeoPoint p)
    {
        // Even-odd ray casting along the latitude of p.
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Latitude > p.Latitude) != (b.Latitude > p.Latitude)
                && p.Longitude < (b.Longitude - a.Longitude) * (p.Latitude - a.Latitude) / (b.Latitude - a.Latitude) + a.Longitude)
                inside = !inside;
        }
        return inside;
    }

    public static bool Contains((GeoPoint Centre, double RadiusKm) circle, GeoPoint p) => DistanceKm(circle.Centre, p) <= circle.RadiusKm;

    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static GeoPoint? ParsePoint(string pair)
    {
        var comma = pair.IndexOf(',');
        if (comma <= 0 || comma != pair.LastIndexOf(',')) return null;
        if (!double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)) return null;
        return lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? new GeoPoint(lat, lon) : null;
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
