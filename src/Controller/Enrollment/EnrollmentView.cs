namespace InfoRadio.Controller.Enrollment;

/// <summary>What GET /api/enrollments shows of one serial.</summary>
public sealed record EnrollmentView(
    string Serial,
    string State,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastSeenAt,
    string? Firmware,
    string? Imei,
    string? KeyFingerprint,
    string? DeviceId,
    bool PreRegistered,
    string? Name,
    string? Village,
    IReadOnlyList<string> Zones,
    double? Latitude,
    double? Longitude,
    bool Conflict,
    string? ConflictKeyFingerprint,
    DateTimeOffset? ConflictAt,
    int Conflicts,
    string? Reason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt);
