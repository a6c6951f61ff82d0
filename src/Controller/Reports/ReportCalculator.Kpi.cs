using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

public static partial class ReportCalculator
{
    /// <summary>
    /// Commune rows, then district rows (sums of their communes). A village is reached when at least one cluster placed in
    /// it was working (online at least <see cref="ReportInput.WorkingUptimePercent"/> of its observed time); the clusters'
    /// online share is their online time over their observed time, summed over the clusters (time-weighted).
    /// </summary>
    public static ReportTable Kpi(ReportInput input)
    {
        var p = input.Period;
        var areas = input.Areas;
        var villages = areas.Villages.Where(v => input.VillagesInScope is null || input.VillagesInScope.Contains(v.Code)).ToArray();
        var uptime = input.Devices.Where(d => d.VillageCode is not null).ToDictionary(d => d.Id, d => DeviceUptime(input, d), StringComparer.Ordinal);
        var byVillage = input.Devices.Where(d => d.VillageCode is not null).ToLookup(d => d.VillageCode!, StringComparer.Ordinal);
        var plays = input.Plays.ToLookup(e => e.DeviceId, StringComparer.Ordinal);
        var communes = villages.GroupBy(v => areas.Ancestor(v.Code, AdministrativeLevel.Commune)?.Code)
            .Where(g => g.Key is not null).Select(g => Figures(g.Key!, g.ToArray())).OrderBy(f => f.Code, StringComparer.Ordinal).ToArray();
        var districts = communes.GroupBy(c => areas.Ancestor(c.Code, AdministrativeLevel.District)?.Code).Where(g => g.Key is not null)
            .Select(g => Sum(g.Key!, AdministrativeLevel.District, g)).OrderBy(f => f.Code, StringComparer.Ordinal).ToArray();
        return Table(ReportKinds.Kpi, p,
            [Col("level", "Level"), Col("code", "Code"), Col("name", "Name"), Col("villages", "Villages", "count"),
             Col("villagesReached", "Villages reached", "count"), Col("villagesReachedPercent", "Villages reached", "%"),
             Col("clusters", "Clusters", "count"), Col("clustersWorking", "Clusters working", "count"),
             Col("clustersOnlinePercent", "Clusters online", "%"), Col("airtimeHours", "Airtime", "h")],
            communes.Concat(districts).Select(f => Row(("level", f.Level == AdministrativeLevel.District ? "district" : "commune"),
                ("code", f.Code), ("name", areas.NameOf(f.Code)), ("villages", f.Villages), ("villagesReached", f.Reached),
                ("villagesReachedPercent", f.Villages > 0 ? Round(f.Reached * 100.0 / f.Villages) : null), ("clusters", f.Clusters),
                ("clustersWorking", f.Working),
                ("clustersOnlinePercent", f.Observed > TimeSpan.Zero ? Round(f.Online.TotalSeconds * 100 / f.Observed.TotalSeconds) : null),
                ("airtimeHours", Round(f.Airtime.TotalHours)))));

        AreaFigures Figures(string commune, IReadOnlyList<Scheduling.AdministrativeArea> inCommune)
        {
            var f = new AreaFigures(commune, AdministrativeLevel.Commune) { Villages = inCommune.Count };
            foreach (var village in inCommune)
            {
                var reached = false;
                foreach (var device in byVillage[village.Code])
                {
                    var u = uptime[device.Id];
                    f.Clusters++;
                    f.Observed += u.Observed;
                    f.Online += u.Online;
                    f.Airtime += TimeSpan.FromTicks(plays[device.Id].Sum(e => e.OverlapWith(p.Start, p.End, input.Now).Ticks));
                    if (u.Percent is { } pc && pc >= input.WorkingUptimePercent)
                    {
                        f.Working++;
                        reached = true;
                    }
                }
                if (reached) f.Reached++;
            }
            return f;
        }
    }

    private static AreaFigures Sum(string code, AdministrativeLevel level, IEnumerable<AreaFigures> parts)
    {
        var f = new AreaFigures(code, level);
        foreach (var part in parts)
        {
            f.Villages += part.Villages;
            f.Reached += part.Reached;
            f.Clusters += part.Clusters;
            f.Working += part.Working;
            f.Observed += part.Observed;
            f.Online += part.Online;
            f.Airtime += part.Airtime;
        }
        return f;
    }

    private sealed class AreaFigures(string code, AdministrativeLevel level)
    {
        public string Code { get; } = code;
        public AdministrativeLevel Level { get; } = level;
        public int Villages { get; set; }
        public int Reached { get; set; }
        public int Clusters { get; set; }
        public int Working { get; set; }
        public TimeSpan Observed { get; set; }
        public TimeSpan Online { get; set; }
        public TimeSpan Airtime { get; set; }
    }
}
