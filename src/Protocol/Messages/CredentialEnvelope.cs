using InfoRadio.Protocol.Enrollment;

namespace InfoRadio.Protocol.Messages;

/// <summary>A device's credentials sealed to its enrollment key (see <see cref="CredentialSealer"/>). All fields base64.</summary>
public sealed record CredentialEnvelope : IValidatable
{
    public required string Alg { get; init; }
    /// <summary>The controller's one-time P-256 public key, 65-byte uncompressed point.</summary>
    public required string EphemeralKey { get; init; }
    public required string Nonce { get; init; }
    public required string Ciphertext { get; init; }
    public required string Tag { get; init; }

    public string? Validate() => Check.First(
        Alg == CredentialSealer.Algorithm ? null : $"alg must be '{CredentialSealer.Algorithm}'",
        Check.Base64(EphemeralKey, "ephemeralKey", DeviceKeys.PublicKeyLength),
        Check.Base64(Nonce, "nonce", CredentialSealer.NonceLength),
        Check.Base64(Ciphertext, "ciphertext", maxBytes: 1024),
        Check.Base64(Tag, "tag", CredentialSealer.TagLength));
}
