using InfoRadio.Controller.Provincial;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// The daily report pushed to the province: the registry's counts and the day's broadcasts
/// (<see cref="RegistryDailyReportSource"/>), plus the day's figures from the reports, in the reports API's own shape:
/// airtime per commune, uptime per device, emergency reach, program compliance and the commune/district KPIs.
/// </summary>
public sealed class ReportsDailyReportSource(RegistryDailyReportSource counts, ReportService reports) : IDailyReportSource
{
    /// <summary>The reports in each push, with the airtime grouping used.</summary>
    public static readonly IReadOnlyList<(string Kind, string? GroupBy)> Pushed =
    [
        (ReportKinds.Airtime, "commune"), (ReportKinds.Uptime, null), (ReportKinds.Emergencies, null), (ReportKinds.Compliance, null), (ReportKinds.Kpi, null),
    ];

    public async Task<DailyReportPayload> BuildAsync(DateOnly day, CancellationToken ct)
    {
        var payload = await counts.BuildAsync(day, ct);
        var period = reports.Period(day, day);
        var tables = Pushed.Select(p => reports.Build(p.Kind, period, [], null, p.GroupBy))
            .Select(t => new DailyReportTable(t.Kind, t.Columns.Select(c => new DailyReportColumn(c.Key, c.Title, c.Unit)).ToArray(), t.Rows))
            .ToArray();
        return payload with { Tables = tables };
    }
}
