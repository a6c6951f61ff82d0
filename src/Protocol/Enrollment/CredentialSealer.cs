using System.Security.Cryptography;
using System.Text;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Enrollment;

/// <summary>
/// Encrypts a device's credentials to its enrollment key, so that only the box holding the private key can read
/// them even though every enrollment session of the serial may see the response:
/// ECDH (P-256) between a fresh ephemeral controller key and the device key; HKDF-SHA256 of the shared X
/// coordinate with salt = ephemeral public key || device public key and info = "inforadio/v1 enrollment {serial}"
/// gives a 32-byte key; AES-256-GCM with a random 12-byte nonce and the serial (UTF-8) as associated data seals
/// the JSON of <see cref="EnrolledCredentials"/>.
/// </summary>
public static class CredentialSealer
{
    public const string Algorithm = "ecdh-p256-hkdf-sha256-aes256gcm";
    public const int NonceLength = 12;
    public const int TagLength = 16;

    public static CredentialEnvelope Seal(ReadOnlySpan<byte> devicePublicKey, string serial, EnrolledCredentials credentials)
    {
        using var ephemeral = DeviceKeys.Create();
        return Seal(devicePublicKey, serial, credentials, ephemeral, RandomNumberGenerator.GetBytes(NonceLength));
    }

    /// <summary>With a given ephemeral key and nonce: for test vectors only. Never reuse either.</summary>
    public static CredentialEnvelope Seal(ReadOnlySpan<byte> devicePublicKey, string serial, EnrolledCredentials credentials,
        ECDiffieHellman ephemeral, byte[] nonce)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(ephemeral);
        if (nonce is not { Length: NonceLength }) throw new ArgumentException($"the nonce must be {NonceLength} bytes", nameof(nonce));
        if (credentials.Validate() is { } invalid) throw new ArgumentException(invalid, nameof(credentials));
        var key = EnrollmentIds.TryCanonical(serial) ?? throw new ArgumentException(EnrollmentIds.CheckSerial(serial), nameof(serial));
        using var device = DeviceKeys.ImportPublic(devicePublicKey);
        var ephemeralPublic = DeviceKeys.ExportPublic(ephemeral);
        var aesKey = DeriveKey(ephemeral.DeriveRawSecretAgreement(device.PublicKey), ephemeralPublic, devicePublicKey, key);
        var plain = MessageCodec.Encode(credentials);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagLength];
        using (var aes = new AesGcm(aesKey, TagLength)) aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(key));
        CryptographicOperations.ZeroMemory(plain);
        CryptographicOperations.ZeroMemory(aesKey);
        return new CredentialEnvelope
        {
            Alg = Algorithm,
            EphemeralKey = Convert.ToBase64String(ephemeralPublic),
            Nonce = Convert.ToBase64String(nonce),
            Ciphertext = Convert.ToBase64String(cipher),
            Tag = Convert.ToBase64String(tag),
        };
    }

    /// <summary>The credentials, or null (with the reason) when the envelope is not for this key or was altered.</summary>
    public static EnrolledCredentials? Open(ECDiffieHellman deviceKey, string serial, CredentialEnvelope envelope, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        ArgumentNullException.ThrowIfNull(envelope);
        problem = envelope.Validate();
        if (problem is not null) return null;
        var key = EnrollmentIds.TryCanonical(serial);
        if (key is null) { problem = EnrollmentIds.CheckSerial(serial); return null; }
        var ephemeralPublic = Convert.FromBase64String(envelope.EphemeralKey);
        byte[] aesKey;
        try
        {
            using var ephemeral = DeviceKeys.ImportPublic(ephemeralPublic);
            aesKey = DeriveKey(deviceKey.DeriveRawSecretAgreement(ephemeral.PublicKey), ephemeralPublic, DeviceKeys.ExportPublic(deviceKey), key);
        }
        catch (CryptographicException ex)
        {
            problem = $"unusable ephemeral key: {ex.Message}";
            return null;
        }
        var cipher = Convert.FromBase64String(envelope.Ciphertext);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(aesKey, TagLength);
            aes.Decrypt(Convert.FromBase64String(envelope.Nonce), cipher, Convert.FromBase64String(envelope.Tag), plain, Encoding.UTF8.GetBytes(key));
        }
        catch (AuthenticationTagMismatchException)
        {
            problem = "the credentials are not sealed to this key (or were altered)";
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
        var parsed = MessageCodec.Parse<EnrolledCredentials>(plain);
        CryptographicOperations.ZeroMemory(plain);
        if (!parsed.IsOk) { problem = $"sealed credentials unreadable: {parsed.Error}"; return null; }
        return parsed.Value;
    }

    private static byte[] DeriveKey(byte[] sharedX, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> devicePublic, string serial)
    {
        var salt = new byte[ephemeralPublic.Length + devicePublic.Length];
        ephemeralPublic.CopyTo(salt);
        devicePublic.CopyTo(salt.AsSpan(ephemeralPublic.Length));
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedX, 32, salt, Encoding.UTF8.GetBytes("inforadio/v1 enrollment " + serial));
        CryptographicOperations.ZeroMemory(sharedX);
        return key;
    }
}
