using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Devices;

/// <summary>
/// What the controller knows about one device. <see cref="Online"/>, <see cref="Session"/> are runtime state:
/// every device starts offline after a restart until it reports again.
/// </summary>
public sealed record DeviceView(
    string Id,
    string? Name,
    bool Online,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeen,
    string? Firmware,
    string? Session,
    int? Volume,
    Telemetry? LastTelemetry,
    string? VillageCode,
    IReadOnlyList<string> Zones)
{
    /// <summary>Where the device stands, surveyed or by GPS (see <see cref="DevicePosition"/>); null when unknown.</summary>
    public DevicePosition? Position { get; init; }

    /// <summary>Set while the device is revoked (when, by whom, why); null for a device in good standing.</summary>
    public DeviceRevocation? Revocation { get; init; }

    public bool Revoked => Revocation is not null;
}
