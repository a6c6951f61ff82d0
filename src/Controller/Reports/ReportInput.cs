using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Everything a report is computed from, already read from storage. <see cref="Devices"/> are the devices in the
/// asker's scope only; the record lists may hold more (the calculations keep what concerns those devices).
/// </summary>
public sealed record ReportInput(ReportPeriod Period, DateTimeOffset Now, IReadOnlyList<ReportDevice> Devices, ReportAreas Areas)
{
    public IReadOnlyList<PlayLogEntry> Plays { get; init; } = [];
    public IReadOnlyList<OnlineInterval> Online { get; init; } = [];
    public IReadOnlyList<AlarmRecord> Alarms { get; init; } = [];
    public IReadOnlyList<EmergencyRecord> Emergencies { get; init; } = [];
    public IReadOnlyList<AirRecord> Slots { get; init; } = [];
    public IReadOnlyList<BroadcastRecord> Broadcasts { get; init; } = [];
    /// <summary>Villages under the scope, for the KPI report; null: every village of the tree.</summary>
    public IReadOnlySet<string>? VillagesInScope { get; init; }
    public double WorkingUptimePercent { get; init; } = 80;
}
