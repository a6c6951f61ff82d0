using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Provincial;

/// <summary>
/// The daily report from what the controller keeps now: device counts from the registry (at the time of the report),
/// and the day's broadcasts from the broadcast history with how many speakers played each to the end.
/// </summary>
public sealed class RegistryDailyReportSource(DeviceRegistry registry, BroadcastStore store) : IDailyReportSource
{
    public Task<DailyReportPayload> BuildAsync(DateOnly day, CancellationToken ct)
    {
        var devices = registry.List();
        var from = BroadcastTimeZone.ToInstant(day.ToDateTime(TimeOnly.MinValue));
        var to = from.AddDays(1);
        var broadcasts = store.CreatedBetween(from, to).OrderBy(b => b.CreatedAt).ToArray();
        var list = broadcasts.Select(b => new DailyBroadcast(b.Id, b.Title, b.Profile, b.State.ToString().ToLowerInvariant(), b.CreatedAt,
            b.StartedAt, b.EndedAt, b.DurationMs, b.Devices.Count, b.Devices.Count(d => d.Status == DeliveryStatus.Finished))).ToArray();
        var airtime = broadcasts.Where(b => b.StartedAt is not null && b.EndedAt is not null)
            .Sum(b => (long)(b.EndedAt!.Value - b.StartedAt!.Value).TotalSeconds);
        var payload = new DailyReportPayload(day,
            new DailyDeviceCounts(devices.Count, devices.Count(d => d.Online), devices.Count(d => !d.Online), devices.Count(d => d.Revoked)),
            new DailyBroadcastCounts(broadcasts.Length, broadcasts.Count(b => b.State == BroadcastState.Finished),
                broadcasts.Count(b => b.State == BroadcastState.Failed), airtime, broadcasts.Count(b => b.Profile == BroadcastProfiles.EmergencyName)),
            list, []);
        return Task.FromResult(payload);
    }
}
