using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Devices;

/// <summary>The registry's mutable in-memory copy of one device; only touched under the registry's lock.</summary>
internal sealed class DeviceEntry(string id, string? name, DateTimeOffset createdAt, StoredSecret secret)
{
    public string Id { get; } = id;
    public string? Name { get; set; } = name;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public StoredSecret Secret { get; set; } = secret;

    /// <summary>
    /// The secret before an online rotation, still accepted until <see cref="PreviousSecretUntil"/> or until the device
    /// connects with the new one. In memory only: a restart ends the grace at once.
    /// </summary>
    public StoredSecret? PreviousSecret { get; set; }
    public DateTimeOffset PreviousSecretUntil { get; set; }

    /// <summary>SHA-256 of the last secret that passed PBKDF2 in this process (see <see cref="DeviceRegistry.VerifySecret"/>).</summary>
    public byte[]? VerifiedDigest { get; set; }

    public bool Online { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public string? Firmware { get; set; }
    public string? Session { get; set; }
    public int? Volume { get; set; }
    public Telemetry? LastTelemetry { get; set; }

    /// <summary>The official code of the village the device stands in, if placed.</summary>
    public string? VillageCode { get; set; }

    /// <summary>The zones the device is in, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Zones { get; set; } = [];

    /// <summary>The technician's surveyed position, if set.</summary>
    public DevicePosition? Surveyed { get; set; }

    /// <summary>The latest GPS fix from telemetry; kept when later telemetry carries none.</summary>
    public DevicePosition? Gps { get; set; }

    /// <summary>Set while the device is revoked: no secret of it is accepted until an administrator reinstates it.</summary>
    public DeviceRevocation? Revocation { get; set; }

    /// <summary>When telemetry was last written to the database, to throttle those writes.</summary>
    public DateTimeOffset? TelemetryPersistedAt { get; set; }

    public DeviceView ToView() =>
        new(Id, Name, Online, CreatedAt, LastSeen, Firmware, Session, Volume, LastTelemetry, VillageCode, Zones) { Position = Surveyed ?? Gps, Revocation = Revocation };
}
