using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// One thing a CAP alert put on air and what each device did with it (from the speakers' own play reports), so every
/// CAP identifier can be read against what each device played. <see cref="State"/> is null when the broadcast service
/// has no record of it (an emergency kept only in the emergency broadcaster's reach report).
/// </summary>
public sealed record CapAiring(string Kind, string Id, BroadcastState? State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<DeviceDeliveryView> Devices)
{
    public static CapAiring Of(string kind, string id, BroadcastView? view) =>
        new(kind, id, view?.State, view?.StartedAt, view?.EndedAt, view?.Devices ?? []);
}
