namespace InfoRadio.Controller.Broadcasting;

/// <summary>A consistent copy of a broadcast for readers, taken while the broadcast may still change.</summary>
public sealed record BroadcastView(
    string Id,
    string Title,
    string Profile,
    BroadcastState State,
    bool AllDevices,
    string SourceFormat,
    long DurationMs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Reason,
    IReadOnlyList<DeviceDeliveryView> Devices)
{
    public static BroadcastView Of(BroadcastRecord r) => new(
        r.Id, r.Title, r.Profile, r.State, r.AllDevices, r.SourceFormat, r.DurationMs, r.CreatedAt, r.StartedAt, r.EndedAt, r.Reason,
        r.Devices.Select(d => new DeviceDeliveryView(d.DeviceId, d.Status, d.StartedAt, d.FinishedAt, d.Underruns, d.Reason)).ToArray());
}

public sealed record DeviceDeliveryView(
    string Id, DeliveryStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Underruns, string? Reason);
