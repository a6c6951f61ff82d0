using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Emergency;

/// <summary>The reach report: the emergency, its counts, and each speaker's part.</summary>
public sealed record EmergencyView(
    string Id,
    string Title,
    string? RequestedBy,
    string? CapIdentifier,
    OriginLevel Origin,
    IReadOnlyList<string> Targets,
    int Repeat,
    int Volume,
    long DurationMs,
    DateTimeOffset RequestedAt,
    DateTimeOffset AiringEndsAt,
    DateTimeOffset? EndedAt,
    EmergencyState State,
    string? Reason,
    string? BroadcastId,
    EmergencyCounts Counts,
    IReadOnlyList<EmergencyDeviceView> Devices)
{
    public static EmergencyView Of(EmergencyRecord r) => new(
        r.Id, r.Title, r.RequestedBy, r.CapIdentifier, r.Origin, r.Targets.ToArray(), r.Repeat, r.Volume, r.DurationMs,
        r.RequestedAt, r.AiringEndsAt, r.EndedAt, r.State, r.Reason, r.BroadcastId, EmergencyCounts.Of(r.Devices),
        r.Devices.Select(d => new EmergencyDeviceView(d.DeviceId, d.OnlineAtStart, d.Status, d.ReachedAt is not null, d.ReachedAt,
            d.ReachedMs, d.FinishedAt, d.Retries, d.Reason)).ToArray());
}

/// <param name="Reached">Speakers that started playing it (whether or not they finished).</param>
/// <param name="Offline">Speakers offline now as far as the report knows (offline at the request, or dropped) and not reached.</param>
public sealed record EmergencyCounts(int Targeted, int OnlineAtStart, int Reached, int Finished, int NotReached, int Offline, int Retried,
    long? ReachP50Ms, long? ReachMaxMs)
{
    public static EmergencyCounts Of(IReadOnlyCollection<EmergencyDevice> devices) =>
        Of(devices.Select(d => new EmergencyDeviceView(d.DeviceId, d.OnlineAtStart, d.Status, d.ReachedAt is not null, d.ReachedAt,
            d.ReachedMs, d.FinishedAt, d.Retries, d.Reason)).ToArray());

    /// <summary>The counts over these speakers only (a report cut down to a user's areas counts what it shows).</summary>
    public static EmergencyCounts Of(IReadOnlyCollection<EmergencyDeviceView> devices)
    {
        var reachMs = devices.Where(d => d.ReachedMs is not null).Select(d => d.ReachedMs!.Value).Order().ToArray();
        return new EmergencyCounts(
            devices.Count,
            devices.Count(d => d.OnlineAtStart),
            reachMs.Length,
            devices.Count(d => d.Status == EmergencyDeviceStatus.Finished),
            devices.Count - reachMs.Length,
            devices.Count(d => !d.Reached && d.Status is EmergencyDeviceStatus.Offline or EmergencyDeviceStatus.Dropped),
            devices.Count(d => d.Retries > 0),
            reachMs.Length > 0 ? reachMs[(reachMs.Length - 1) / 2] : null,
            reachMs.Length > 0 ? reachMs[^1] : null);
    }
}

public sealed record EmergencyDeviceView(
    string Id, bool OnlineAtStart, EmergencyDeviceStatus Status, bool Reached, DateTimeOffset? ReachedAt, long? ReachedMs,
    DateTimeOffset? FinishedAt, int Retries, string? Reason);
