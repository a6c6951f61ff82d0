using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Computes every report from a <see cref="ReportInput"/> (pure). Each figure is defined in docs/reports.md; the
/// comments here only say why where the code alone does not.
/// </summary>
public static partial class ReportCalculator
{
    public static ReportTable Compute(string kind, ReportInput input, string? groupBy = null) => kind switch
    {
        ReportKinds.Airtime => Airtime(input, groupBy ?? "device"),
        ReportKinds.Uptime => Uptime(input),
        ReportKinds.Alarms => Alarms(input),
        ReportKinds.Emergencies => Emergencies(input),
        ReportKinds.Compliance => Compliance(input),
        ReportKinds.Kpi => Kpi(input),
        ReportKinds.PlayLog => PlayLog(input),
        _ => throw new ArgumentException($"unknown report '{kind}'", nameof(kind)),
    };

    public static ReportTable Airtime(ReportInput input, string groupBy)
    {
        var p = input.Period;
        var devices = input.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var plays = input.Plays.Where(e => devices.ContainsKey(e.DeviceId)).ToArray();
        double Minutes(IEnumerable<PlayLogEntry> es, DateTimeOffset a, DateTimeOffset b) =>
            Round(es.Sum(e => e.OverlapWith(a, b, input.Now).TotalMinutes));
        bool StartedIn(PlayLogEntry e, DateTimeOffset a, DateTimeOffset b) => e.StartedAt >= a && e.StartedAt < b;
        var inPeriod = plays.Where(e => StartedIn(e, p.Start, p.End)).ToArray();
        switch (groupBy)
        {
            case "device":
                return Table(ReportKinds.Airtime, p,
                    [Col("device", "Device"), Col("name", "Name"), Col("village", "Village"), Col("commune", "Commune"),
                     Col("plays", "Plays", "count"), Col("finished", "Finished", "count"), Col("interrupted", "Interrupted", "count"),
                     Col("dropped", "Dropped", "count"), Col("airtimeMinutes", "Airtime", "min")],
                    input.Devices.Select(d =>
                    {
                        var mine = plays.Where(e => e.DeviceId == d.Id).ToArray();
                        var started = inPeriod.Where(e => e.DeviceId == d.Id).ToArray();
                        return Row(("device", d.Id), ("name", d.Name), ("village", input.Areas.NameOf(d.VillageCode) ?? d.VillageCode),
                            ("commune", input.Areas.Ancestor(d.VillageCode, AdministrativeLevel.Commune)?.Name),
                            ("plays", started.Length), ("finished", started.Count(e => e.Ending == PlayEnding.Finished)),
                            ("interrupted", started.Count(e => e.Ending == PlayEnding.Interrupted)),
                            ("dropped", started.Count(e => e.Ending == PlayEnding.Dropped)), ("airtimeMinutes", Minutes(mine, p.Start, p.End)));
                    }));
            case "village":
            case "commune":
            {
                var level = groupBy == "village" ? AdministrativeLevel.Village : AdministrativeLevel.Commune;
                var groups = input.Devices.GroupBy(d => level == AdministrativeLevel.Village
                    ? d.VillageCode : input.Areas.Ancestor(d.VillageCode, AdministrativeLevel.Commune)?.Code).OrderBy(g => g.Key, StringComparer.Ordinal);
                return Table(ReportKinds.Airtime, p,
                    [Col(groupBy, groupBy == "village" ? "Village code" : "Commune code"), Col("name", "Name"),
                     Col("devices", "Devices", "count"), Col("plays", "Plays", "count"), Col("airtimeMinutes", "Airtime", "min"),
                     Col("airtimeMinutesPerDevice", "Airtime per device", "min")],
                    groups.Select(g =>
                    {
                        var ids = g.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                        var minutes = Minutes(plays.Where(e => ids.Contains(e.DeviceId)), p.Start, p.End);
                        return Row((groupBy, g.Key), ("name", g.Key is null ? "(unplaced)" : input.Areas.NameOf(g.Key) ?? g.Key),
                            ("devices", ids.Count), ("plays", inPeriod.Count(e => ids.Contains(e.DeviceId))), ("airtimeMinutes", minutes),
                            ("airtimeMinutesPerDevice", Round(minutes / ids.Count)));
                    }));
            }
            case "day":
                return Table(ReportKinds.Airtime, p,
                    [Col("day", "Day"), Col("devices", "Devices that played", "count"), Col("plays", "Plays", "count"),
                     Col("airtimeMinutes", "Airtime", "min")],
                    p.Days.Select(day =>
                    {
                        DateTimeOffset a = p.StartOf(day), b = p.StartOf(day.AddDays(1));
                        var sounding = plays.Where(e => e.OverlapWith(a, b, input.Now) > TimeSpan.Zero).ToArray();
                        return Row(("day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                            ("devices", sounding.Select(e => e.DeviceId).Distinct().Count()),
                            ("plays", plays.Count(e => StartedIn(e, a, b))), ("airtimeMinutes", Minutes(sounding, a, b)));
                    }));
            default:
                throw new ArgumentException($"groupBy must be one of {string.Join(", ", ReportKinds.AirtimeGroups)}", nameof(groupBy));
        }
    }

    public static ReportTable Uptime(ReportInput input) =>
        Table(ReportKinds.Uptime, input.Period,
            [Col("device", "Device"), Col("name", "Name"), Col("village", "Village"), Col("observedHours", "Observed", "h"),
             Col("onlineHours", "Online", "h"), Col("uptimePercent", "Uptime", "%"), Col("outages", "Outages", "count")],
            input.Devices.Select(d =>
            {
                var u = DeviceUptime(input, d);
                return Row(("device", d.Id), ("name", d.Name), ("village", input.Areas.NameOf(d.VillageCode) ?? d.VillageCode),
                    ("observedHours", Round(u.Observed.TotalHours)), ("onlineHours", Round(u.Online.TotalHours)),
                    ("uptimePercent", u.Percent is { } pc ? Round(pc) : null), ("outages", u.Outages));
            }));

    public static ReportTable PlayLog(ReportInput input)
    {
        var p = input.Period;
        var devices = input.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        return Table(ReportKinds.PlayLog, p,
            [Col("device", "Device"), Col("village", "Village"), Col("session", "Session"), Col("kind", "Kind"), Col("title", "Title"),
             Col("program", "Program"), Col("emergency", "Emergency"), Col("cap", "CAP alert"), Col("started", "Started", "time"),
             Col("ended", "Ended", "time"), Col("ending", "Ending"), Col("reason", "Reason"), Col("minutes", "Played", "min"),
             Col("underruns", "Underruns", "count"), Col("cached", "From cache")],
            input.Plays.Where(e => devices.ContainsKey(e.DeviceId) && Overlaps(e, p.Start, p.End, input.Now))
                .OrderBy(e => e.StartedAt).ThenBy(e => e.DeviceId, StringComparer.Ordinal)
                .Select(e => Row(("device", e.DeviceId), ("village", input.Areas.NameOf(devices[e.DeviceId].VillageCode) ?? devices[e.DeviceId].VillageCode),
                    ("session", e.Session), ("kind", e.Kind), ("title", e.Title), ("program", e.ProgramId), ("emergency", e.EmergencyId),
                    ("cap", e.CapIdentifier), ("started", p.Local(e.StartedAt)), ("ended", e.EndedAt is { } end ? p.Local(end) : null),
                    ("ending", PlayEndingName(e.Ending)), ("reason", e.EndReason),
                    ("minutes", Round(e.OverlapWith(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, input.Now).TotalMinutes)),
                    ("underruns", e.Underruns), ("cached", e.FromCache))));
    }

    /// <summary>A device's observed time (the period from its registration up to now), its online part and outages in it.</summary>
    public static (TimeSpan Observed, TimeSpan Online, int Outages, double? Percent) DeviceUptime(ReportInput input, ReportDevice device)
    {
        var p = input.Period;
        var from = device.CreatedAt > p.Start ? device.CreatedAt : p.Start;
        var to = input.Now < p.End ? input.Now : p.End;
        if (to <= from) return (TimeSpan.Zero, TimeSpan.Zero, 0, null);
        var mine = input.Online.Where(i => i.DeviceId == device.Id).ToArray();
        var online = TimeSpan.FromTicks(mine.Sum(i => i.OverlapWith(from, to, input.Now).Ticks));
        var outages = mine.Count(i => i.To is { } end && end >= from && end < to);
        return (to - from, online, outages, online.TotalSeconds * 100 / (to - from).TotalSeconds);
    }

    internal static string PlayEndingName(PlayEnding ending) => ending switch
    {
        PlayEnding.Playing => "playing",
        PlayEnding.Finished => "finished",
        PlayEnding.Interrupted => "interrupted",
        _ => "dropped",
    };

    private static bool Overlaps(PlayLogEntry e, DateTimeOffset a, DateTimeOffset b, DateTimeOffset now) =>
        e.StartedAt < b && (e.EndedAt ?? (e.Ending == PlayEnding.Playing ? now : e.StartedAt)) >= a;

    internal static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    internal static ReportColumn Col(string key, string title, string? unit = null) => new(key, title, unit);

    internal static IReadOnlyDictionary<string, object?> Row(params (string Key, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(cells.Length, StringComparer.Ordinal);
        foreach (var (key, value) in cells) row[key] = value;
        return row;
    }

    internal static ReportTable Table(string kind, ReportPeriod p, IReadOnlyList<ReportColumn> columns, IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        new(kind, p.From, p.To, columns, rows.ToArray());
}
