namespace InfoRadio.Protocol.Messages;

/// <summary>What <see cref="CredentialEnvelope"/> seals: the device's id and MQTT password. Never sent in clear.</summary>
public sealed record EnrolledCredentials : IValidatable
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public required string DeviceId { get; init; }
    public required string Secret { get; init; }

    public string? Validate() => Check.First(
        Identifiers.Check(DeviceId, "deviceId"),
        CheckSecret(Secret, "secret"));

    internal static string? CheckSecret(string? secret, string field) =>
        secret is null || secret.Length < MinSecretLength || secret.Length > MaxSecretLength || secret.Any(c => c <= ' ' || c > '~')
            ? $"{field} must be {MinSecretLength} to {MaxSecretLength} printable ASCII characters without spaces"
            : null;

    public override string ToString() => $"EnrolledCredentials {{ DeviceId = {DeviceId}, Secret = *** }}";
}
