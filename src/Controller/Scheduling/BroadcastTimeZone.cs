namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The one time zone schedules are written in: Asia/Ho_Chi_Minh, UTC+7 all year. Vietnam has kept UTC+7 without
/// daylight saving since 1975, so the offset is a constant here rather than a lookup: scheduling must not depend on
/// the host's tz database (a minimal container may have none) nor on its local zone.
/// </summary>
public static class BroadcastTimeZone
{
    public const string Id = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>Names other software uses for the same fixed UTC+7 zone (IANA alias, Windows id, POSIX-style Etc id).</summary>
    private static readonly HashSet<string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        Id, "Asia/Saigon", "SE Asia Standard Time", "Etc/GMT-7", "ICT",
    };

    /// <summary>Earliest and latest local times a schedule may use: before 1976 the south used UTC+8.</summary>
    public static readonly DateTime MinLocal = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    public static readonly DateTime MaxLocal = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>True when <paramref name="tzId"/> names this zone (RFC 5545 allows a leading '/' for a global id).</summary>
    public static bool IsThisZone(string? tzId)
    {
        if (string.IsNullOrWhiteSpace(tzId)) return false;
        var id = tzId.Trim();
        if (id.StartsWith('/')) id = id[1..];
        return Aliases.Contains(id);
    }

    /// <summary>The instant a wall-clock time in Vietnam denotes. The kind of <paramref name="local"/> is ignored.</summary>
    public static DateTimeOffset ToInstant(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>The wall-clock time in Vietnam at <paramref name="instant"/>, with kind Unspecified.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) =>
        DateTime.SpecifyKind(instant.ToOffset(Offset).DateTime, DateTimeKind.Unspecified);

    /// <summary>Null when <paramref name="local"/> is usable in a schedule, else why not.</summary>
    public static string? CheckLocal(DateTime local, string what)
    {
        if (local < MinLocal || local >= MaxLocal) return $"{what} must lie between the years {MinLocal.Year} and {MaxLocal.Year - 1}";
        if (local.Ticks % TimeSpan.TicksPerSecond != 0) return $"{what} must be a whole second (iCalendar has no fractions)";
        return null;
    }
}
