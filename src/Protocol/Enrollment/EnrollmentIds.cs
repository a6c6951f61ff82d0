namespace InfoRadio.Protocol.Enrollment;

/// <summary>
/// Names of an enrollment session. A device that has no credentials yet connects with the reserved username
/// <see cref="Username"/>, an enrollment token as password and the client id <c>enroll.{serial}</c>: the dot is
/// not allowed in device ids, so an enrollment session can never take over a device's connection.
/// </summary>
public static class EnrollmentIds
{
    /// <summary>MQTT username of every enrollment session; reserved, so no device may be called that.</summary>
    public const string Username = "enroll";

    public const string ClientIdPrefix = "enroll.";

    /// <summary>
    /// The canonical form of a serial: lower case. A serial is 1 to 64 characters of A–Z, a–z, 0–9, '-' and '_',
    /// starting with a letter or digit, so that its canonical form is a valid topic id.
    /// </summary>
    public static string? TryCanonical(string? serial) =>
        serial is null ? null : serial.ToLowerInvariant() is var key && Identifiers.IsValid(key) ? key : null;

    /// <summary>Null when <paramref name="serial"/> is usable, else why not.</summary>
    public static string? CheckSerial(string? serial, string what = "serial") =>
        string.IsNullOrEmpty(serial) ? $"{what} is empty"
        : TryCanonical(serial) is null ? $"{what} must be 1 to {Identifiers.MaxLength} characters of A-Z, a-z, 0-9, '-' and '_', starting with a letter or digit"
        : null;

    /// <summary>The MQTT client id of the enrollment session of <paramref name="serial"/>.</summary>
    public static string ClientId(string serial) =>
        ClientIdPrefix + (TryCanonical(serial) ?? throw new ArgumentException(CheckSerial(serial), nameof(serial)));

    /// <summary>The canonical serial named by an enrollment client id, or null when it is not one.</summary>
    public static string? SerialOfClientId(string? clientId) =>
        clientId is not null && clientId.StartsWith(ClientIdPrefix, StringComparison.Ordinal)
        && clientId[ClientIdPrefix.Length..] is var serial && Identifiers.IsValid(serial)
            ? serial
            : null;
}
