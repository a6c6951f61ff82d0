using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// One thing a CAP alert put on air and what each device did with it (from the speakers' own play reports), so every
/// CAP identifier can be read against what each device played. <see cref="State"/> is null when the airing is unknown
/// (a controller restarted without it, or no emergency broadcaster configured).
/// </summary>
public sealed record CapAiring(string Kind, string Id, BroadcastState? State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<DeviceDeliveryView> Devices)
{
    public const string BroadcastKind = "broadcast";
    public const string EmergencyKind = "emergency";

    public static CapAiring Of(string id, BroadcastView? view) =>
        new(BroadcastKind, id, view?.State, view?.StartedAt, view?.EndedAt, view?.Devices ?? []);

    /// <summary>An emergency's reach report in the same terms as a broadcast's deliveries: reached = started playing.</summary>
    public static CapAiring Of(string id, EmergencyView? view) => view is null
        ? new(EmergencyKind, id, null, null, null, [])
        : new(EmergencyKind, id, StateOf(view), view.RequestedAt, view.EndedAt,
            view.Devices.Select(d => new DeviceDeliveryView(d.Id, DeliveryOf(d.Status), d.ReachedAt, d.FinishedAt, 0, d.Reason)).ToArray());

    private static BroadcastState StateOf(EmergencyView view) => view.State switch
    {
        EmergencyState.Active => BroadcastState.Playing,
        _ when view.Counts.Finished > 0 => BroadcastState.Finished,
        _ => BroadcastState.Failed,
    };

    private static DeliveryStatus DeliveryOf(EmergencyDeviceStatus status) => status switch
    {
        EmergencyDeviceStatus.Playing => DeliveryStatus.Playing,
        EmergencyDeviceStatus.Finished => DeliveryStatus.Finished,
        EmergencyDeviceStatus.Failed or EmergencyDeviceStatus.Dropped => DeliveryStatus.Failed,
        _ => DeliveryStatus.Pending,
    };
}
