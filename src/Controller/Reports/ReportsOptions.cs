namespace InfoRadio.Controller.Reports;

/// <summary>Reports settings, bound from the <c>Reports</c> configuration section.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>The zone whose local days the reports count in (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>A cluster counts as working over a period when online at least this share of it (KPI report).</summary>
    public double WorkingUptimePercent { get; set; } = 80;

    /// <summary>The longest period one report may cover, in days.</summary>
    public int MaxDays { get; set; } = 366;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WorkingUptimePercent is < 0 or > 100) errors.Add("Reports:WorkingUptimePercent must be between 0 and 100");
        if (MaxDays is < 1 or > 3660) errors.Add("Reports:MaxDays must be between 1 and 3660");
        try { ReportPeriod.ZoneOf(TimeZone); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"Reports:TimeZone '{TimeZone}' is not a known time zone");
        }
        return errors;
    }
}
