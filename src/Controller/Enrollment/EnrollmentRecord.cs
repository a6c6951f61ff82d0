namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// One serial's enrollment: what the box said, the key its credentials are sealed to, the technician's decision and
/// any pre-registered placement. Mutable; only touched under <see cref="EnrollmentService"/>'s lock. Never holds a
/// secret.
/// </summary>
public sealed class EnrollmentRecord(string serial)
{
    /// <summary>Canonical (lower-case) serial.</summary>
    public string Serial { get; } = serial;
    public EnrollmentState State { get; set; } = EnrollmentState.PreRegistered;
    public DateTimeOffset? FirstSeenAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public string? Firmware { get; set; }
    public string? Imei { get; set; }
    /// <summary>The 65-byte P-256 point the box first presented; credentials are only ever sealed to it.</summary>
    public byte[]? PublicKey { get; set; }
    public string? KeyFingerprint { get; set; }
    public string? DeviceId { get; set; }
    public bool PreRegistered { get; set; }
    public string? Name { get; set; }
    public string? Village { get; set; }
    public IReadOnlyList<string> Zones { get; set; } = [];
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The latest other key that claimed this serial (a clone, a swapped board, or an attacker).</summary>
    public string? ConflictFingerprint { get; set; }
    public DateTimeOffset? ConflictAt { get; set; }
    public int Conflicts { get; set; }
    public string? Reason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>When credentials were last sealed and sent (approval, or a re-issue to a box that had not connected yet).</summary>
    public DateTimeOffset? CredentialsIssuedAt { get; set; }

    public EnrollmentView ToView() => new(Serial, EnrollmentStore.StateName(State), FirstSeenAt, LastSeenAt, Firmware, Imei, KeyFingerprint,
        DeviceId, PreRegistered, Name, Village, Zones, Latitude, Longitude, ConflictFingerprint is not null, ConflictFingerprint, ConflictAt,
        Conflicts, Reason, DecidedBy, DecidedAt);
}
