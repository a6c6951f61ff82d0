using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace InfoRadio.Controller.Devices;

/// <summary>A device secret as stored: PBKDF2-SHA256 with a per-device salt and its own iteration count.</summary>
internal sealed record StoredSecret(byte[] Salt, byte[] Hash, int Iterations)
{
    public const string Algorithm = "pbkdf2-sha256";
}

/// <summary>Creates, hashes and checks device secrets. Pure apart from the random generator.</summary>
internal static class DeviceSecretHasher
{
    public const int SecretBytes = 32;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    /// <summary>
    /// Secrets are 256 random bits, not human passwords, so nobody can guess one from its hash whatever the count;
    /// the stretching is defence in depth for a stolen database file. The count stays moderate so the first
    /// connection of thousands of devices after a restart costs seconds of CPU, not minutes. It is stored per
    /// record, so raising it later keeps old records valid.
    /// </summary>
    public const int DefaultIterations = 10_000;

    public const int MaxIterations = 10_000_000;

    /// <summary>Longest password worth hashing: a real secret is 43 characters.</summary>
    public const int MaxSecretLength = 256;

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static StoredSecret Hash(string secret, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredSecret(salt, Derive(secret, salt, iterations), iterations);
    }

    /// <summary>Constant-time comparison of a presented secret with a stored one.</summary>
    public static bool Verify(string secret, StoredSecret stored)
    {
        if (secret.Length > MaxSecretLength || stored.Iterations is < 1 or > MaxIterations || stored.Hash.Length != HashBytes)
            return false;
        return CryptographicOperations.FixedTimeEquals(Derive(secret, stored.Salt, stored.Iterations), stored.Hash);
    }

    /// <summary>SHA-256 of the secret: a cheap fingerprint for the in-memory cache of verified secrets.</summary>
    public static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static byte[] Derive(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
