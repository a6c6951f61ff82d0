using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

public static partial class ReportCalculator
{
    public static ReportTable Alarms(ReportInput input)
    {
        var p = input.Period;
        var devices = input.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        return Table(ReportKinds.Alarms, p,
            [Col("id", "Alarm"), Col("device", "Device"), Col("village", "Village"), Col("kind", "Kind"), Col("raised", "Raised", "time"),
             Col("cleared", "Cleared", "time"), Col("activeMinutes", "Active in period", "min"), Col("detail", "Detail"),
             Col("acknowledgedBy", "Acknowledged by")],
            input.Alarms
                .Where(a => devices.ContainsKey(a.DeviceId) && a.RaisedAt < p.End && (a.ClearedAt is null || a.ClearedAt >= p.Start))
                .OrderBy(a => a.RaisedAt).ThenBy(a => a.Id)
                .Select(a =>
                {
                    var from = a.RaisedAt > p.Start ? a.RaisedAt : p.Start;
                    var end = a.ClearedAt ?? input.Now;
                    var to = end < p.End ? end : p.End;
                    return Row(("id", a.Id), ("device", a.DeviceId),
                        ("village", input.Areas.NameOf(devices[a.DeviceId].VillageCode) ?? devices[a.DeviceId].VillageCode), ("kind", a.Kind),
                        ("raised", p.Local(a.RaisedAt)), ("cleared", a.ClearedAt is { } c ? p.Local(c) : null),
                        ("activeMinutes", Round(Math.Max(0, (to - from).TotalMinutes))), ("detail", a.Detail), ("acknowledgedBy", a.AcknowledgedBy));
                }));
    }

    public static ReportTable Emergencies(ReportInput input)
    {
        var p = input.Period;
        var inScope = input.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return Table(ReportKinds.Emergencies, p,
            [Col("id", "Emergency"), Col("title", "Title"), Col("cap", "CAP alert"), Col("requested", "Requested", "time"),
             Col("targeted", "Targeted", "count"), Col("onlineAtStart", "Online at request", "count"), Col("reached", "Reached", "count"),
             Col("finished", "Played to the end", "count"), Col("reachPercent", "Reach", "%"),
             Col("medianReachSeconds", "Median time to reach", "s"), Col("maxReachSeconds", "Slowest reach", "s")],
            input.Emergencies
                .Where(e => e.RequestedAt >= p.Start && e.RequestedAt < p.End && e.Devices.Any(d => inScope.Contains(d.DeviceId)))
                .OrderBy(e => e.RequestedAt)
                .Select(e =>
                {
                    var targeted = e.Devices.Where(d => inScope.Contains(d.DeviceId)).Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal);
                    var plays = input.Plays.Where(x => x.EmergencyId == e.Id && targeted.Contains(x.DeviceId)).ToArray();
                    var firstStart = plays.GroupBy(x => x.DeviceId).Select(g => (g.Min(x => x.StartedAt) - e.RequestedAt).TotalSeconds)
                        .Order().ToArray();
                    return Row(("id", e.Id), ("title", e.Title), ("cap", e.CapIdentifier), ("requested", p.Local(e.RequestedAt)),
                        ("targeted", targeted.Count), ("onlineAtStart", e.Devices.Count(d => d.OnlineAtStart && targeted.Contains(d.DeviceId))),
                        ("reached", firstStart.Length),
                        ("finished", plays.Where(x => x.Ending == PlayEnding.Finished).Select(x => x.DeviceId).Distinct().Count()),
                        ("reachPercent", Round(firstStart.Length * 100.0 / targeted.Count)),
                        ("medianReachSeconds", firstStart.Length == 0 ? null : Round(Median(firstStart))),
                        ("maxReachSeconds", firstStart.Length == 0 ? null : Round(firstStart[^1])));
                }));
    }

    public static ReportTable Compliance(ReportInput input)
    {
        var p = input.Period;
        var inScope = input.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var everything = input.VillagesInScope is null;
        static (string, long) Key(string schedule, DateTimeOffset start) => (schedule, start.ToUnixTimeMilliseconds());
        var broadcasts = input.Broadcasts.Where(b => b.Source is { ScheduleId: not null, SlotStart: not null })
            .ToLookup(b => Key(b.Source!.ScheduleId!, b.Source.SlotStart!.Value));
        var plays = input.Plays.Where(e => e is { ScheduleId: not null, SlotStart: not null } && inScope.Contains(e.DeviceId))
            .ToLookup(e => Key(e.ScheduleId!, e.SlotStart!.Value));
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var slot in input.Slots.Where(s => s.Key.Start >= p.Start && s.Key.Start < p.End).OrderBy(s => s.Key.Start))
        {
            var key = Key(slot.Key.ScheduleId, slot.Key.Start);
            var targeted = broadcasts[key].SelectMany(b => b.Devices).Select(d => d.DeviceId).Where(inScope.Contains)
                .ToHashSet(StringComparer.Ordinal);
            var slotPlays = plays[key].ToArray();
            // A missed slot aired nowhere, so it names no device: only an unlimited asker can tell it was theirs.
            if (targeted.Count == 0 && slotPlays.Length == 0 && !everything) continue;
            var finished = slotPlays.Where(e => e.Ending == PlayEnding.Finished).Select(e => e.DeviceId).ToHashSet(StringComparer.Ordinal);
            var partial = slotPlays.Select(e => e.DeviceId).Where(d => !finished.Contains(d)).Distinct().Count();
            targeted.UnionWith(slotPlays.Select(e => e.DeviceId));
            double? percent = targeted.Count > 0 ? Round(finished.Count * 100.0 / targeted.Count) : slot.Aired ? null : 0;
            rows.Add(Row(("schedule", slot.Key.ScheduleId), ("program", slot.ProgramId),
                ("title", broadcasts[key].Select(b => b.Title).FirstOrDefault() ?? slotPlays.Select(e => e.Title).FirstOrDefault()),
                ("slot", p.Local(slot.Key.Start)), ("outcome", OutcomeName(slot.Outcome)), ("missReason", slot.Reason?.ToString()),
                ("targeted", targeted.Count), ("finished", finished.Count), ("partial", partial), ("compliancePercent", percent)));
        }
        return Table(ReportKinds.Compliance, p,
            [Col("schedule", "Schedule"), Col("program", "Program"), Col("title", "Title"), Col("slot", "Scheduled at", "time"),
             Col("outcome", "Controller outcome"), Col("missReason", "Why missed"), Col("targeted", "Speakers targeted", "count"),
             Col("finished", "Played to the end", "count"), Col("partial", "Played in part", "count"), Col("compliancePercent", "Compliance", "%")],
            rows);
    }

    private static string OutcomeName(AirOutcome outcome) => outcome switch
    {
        AirOutcome.OnTime => "on-time",
        AirOutcome.Late => "late",
        _ => "missed",
    };

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
