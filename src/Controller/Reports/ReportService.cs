using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Reads what a report needs from storage (the play log, the online history, alarms, emergencies, the air ledger,
/// broadcasts, the device registry and the area tree) and hands it to the pure <see cref="ReportCalculator"/>.
/// </summary>
public sealed class ReportService(
    DeviceRegistry registry,
    TargetDirectory directory,
    PlayLogStore plays,
    OnlineHistoryStore online,
    AlarmStore alarms,
    EmergencyStore emergencies,
    LiteDbAirLedger ledger,
    BroadcastStore broadcasts,
    PlayLogRecorder playRecorder,
    OnlineHistoryRecorder onlineRecorder,
    IOptions<ReportsOptions> options,
    TimeProvider time)
{
    /// <summary>Plays are read this far around the period: an emergency or a slot near its end plays just after it.</summary>
    private static readonly TimeSpan PlayMargin = TimeSpan.FromDays(1);

    private readonly ReportsOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = ReportPeriod.ZoneOf(options.Value.TimeZone);

    public ReportsOptions Options => _options;

    /// <summary>The period of local days <paramref name="from"/>..<paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">The period is reversed or longer than Reports:MaxDays.</exception>
    public ReportPeriod Period(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException($"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd})");
        var days = to.DayNumber - from.DayNumber + 1;
        if (days > _options.MaxDays) throw new ArgumentException($"the period has {days} days; at most {_options.MaxDays} are allowed (Reports:MaxDays)");
        return new ReportPeriod(from, to, _zone);
    }

    /// <summary>Builds a report for a user limited to <paramref name="userAreas"/> (none: everything), narrowed to <paramref name="area"/>.</summary>
    /// <exception cref="ReportScopeException">The area is unknown or outside the user's areas.</exception>
    /// <exception cref="ArgumentException">Unknown kind or grouping.</exception>
    public ReportTable Build(string kind, ReportPeriod period, IReadOnlyCollection<string> userAreas, string? area, string? groupBy = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!ReportKinds.All.Contains(kind)) throw new ArgumentException($"unknown report '{kind}'");
        return ReportCalculator.Compute(kind, Input(period, userAreas, area), groupBy);
    }

    /// <summary>What the calculator gets: the records of the period and the devices in scope.</summary>
    public ReportInput Input(ReportPeriod period, IReadOnlyCollection<string> userAreas, string? area)
    {
        // A report right after a play must include it: pending writes go first.
        playRecorder.Flush();
        onlineRecorder.Flush();
        var areas = new ReportAreas(directory.Areas());
        var scope = ReportScope.Of(userAreas, area, areas);
        var devices = registry.List().Select(d => new ReportDevice(d.Id, d.Name, d.VillageCode, d.CreatedAt)).Where(scope.Includes).ToArray();
        DateTimeOffset start = period.Start, end = period.End;
        return new ReportInput(period, time.GetUtcNow(), devices, areas)
        {
            Plays = plays.Overlapping(start - PlayMargin, end + PlayMargin),
            Online = online.Overlapping(start, end),
            Alarms = alarms.ActiveBetween(start, end),
            Emergencies = emergencies.RequestedBetween(start, end),
            Slots = ledger.Between(start, end),
            Broadcasts = broadcasts.CreatedBetween(start - PlayMargin, end + PlayMargin),
            VillagesInScope = scope.Villages,
            WorkingUptimePercent = _options.WorkingUptimePercent,
        };
    }
}
