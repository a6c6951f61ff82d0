namespace InfoRadio.Controller.Provincial;

/// <summary>
/// Makes the report of one local day (Asia/Ho_Chi_Minh) that is pushed to the province. The controller's own
/// <see cref="RegistryDailyReportSource"/> counts devices and the day's broadcasts; the reports part may replace it.
/// </summary>
public interface IDailyReportSource
{
    Task<DailyReportPayload> BuildAsync(DateOnly day, CancellationToken ct);
}

/// <summary>The payload of a <c>daily-report</c> push.</summary>
/// <param name="Day">The local day reported (Asia/Ho_Chi_Minh).</param>
/// <param name="Tables">
/// Further figures in the reports API's own shape (<c>{kind, columns, rows}</c>: airtime, uptime, kpi…); empty when the
/// source has none.
/// </param>
public sealed record DailyReportPayload(
    DateOnly Day,
    DailyDeviceCounts Devices,
    DailyBroadcastCounts Broadcasts,
    IReadOnlyList<DailyBroadcast> BroadcastList,
    IReadOnlyList<DailyReportTable> Tables);

/// <param name="Online">Devices online when the report was made.</param>
public sealed record DailyDeviceCounts(int Total, int Online, int Offline, int Revoked);

public sealed record DailyBroadcastCounts(int Total, int Finished, int Failed, long AirtimeSeconds, int Emergencies);

/// <param name="DevicesFinished">Speakers that played it to the end, by their own reports.</param>
public sealed record DailyBroadcast(
    string Id, string Title, string Profile, string State, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    long DurationMs, int DevicesTargeted, int DevicesFinished);

public sealed record DailyReportTable(string Kind, IReadOnlyList<DailyReportColumn> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

public sealed record DailyReportColumn(string Key, string Title, string? Unit);
