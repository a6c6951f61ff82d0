namespace InfoRadio.Controller.Reports;

/// <summary>The reports there are (the <c>{kind}</c> of <c>/api/reports/{kind}</c>).</summary>
public static class ReportKinds
{
    public const string Airtime = "airtime";
    public const string Uptime = "uptime";
    public const string Alarms = "alarms";
    public const string Emergencies = "emergencies";
    public const string Compliance = "compliance";
    public const string Kpi = "kpi";
    public const string PlayLog = "playlog";

    public static readonly IReadOnlyList<string> All = [Airtime, Uptime, Alarms, Emergencies, Compliance, Kpi, PlayLog];

    /// <summary>The groupings of the airtime report.</summary>
    public static readonly IReadOnlyList<string> AirtimeGroups = ["device", "village", "commune", "day"];
}
