using System.Security.Cryptography;

namespace InfoRadio.Protocol.Enrollment;

/// <summary>
/// The device's enrollment key: ECDH on P-256. On the wire a public key is the 65-byte uncompressed point
/// (0x04 || X || Y, SEC 1), base64 (RFC 4648, padded); that is what a C firmware gets from mbedTLS or BearSSL.
/// </summary>
public static class DeviceKeys
{
    public const int PublicKeyLength = 65;
    private const int CoordinateLength = 32;

    public static ECDiffieHellman Create() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The 65-byte uncompressed point of <paramref name="key"/>.</summary>
    public static byte[] ExportPublic(ECDiffieHellman key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        var point = new byte[PublicKeyLength];
        point[0] = 0x04;
        q.X!.CopyTo(point, 1);
        q.Y!.CopyTo(point, 1 + CoordinateLength);
        return point;
    }

    /// <summary>Imports a peer's public key; throws <see cref="CryptographicException"/> when it is not a P-256 point.</summary>
    public static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> point)
    {
        if (point.Length != PublicKeyLength || point[0] != 0x04)
            throw new CryptographicException($"a public key is the {PublicKeyLength}-byte uncompressed P-256 point starting with 0x04");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..(1 + CoordinateLength)].ToArray(), Y = point[(1 + CoordinateLength)..].ToArray() },
        };
        // Validate: a point off the curve would be an invalid-curve attack on the ephemeral key.
        parameters.Validate();
        return ECDiffieHellman.Create(parameters);
    }

    /// <summary>True when <paramref name="point"/> is a usable P-256 public key.</summary>
    public static bool IsValidPublic(ReadOnlySpan<byte> point)
    {
        try
        {
            using var key = ImportPublic(point);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// What a technician compares with the device's own log or label: the first 8 bytes of the SHA-256 of the
    /// 65-byte public key, as 4 groups of 4 lower-case hex digits (e.g. <c>3f2a-9c01-77be-d410</c>).
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> point)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(point, hash);
        var hex = Convert.ToHexStringLower(hash[..8]);
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}-{hex[12..16]}";
    }

    /// <summary>Saves the private key as PKCS#8 DER (the caller protects the file).</summary>
    public static byte[] ExportPrivate(ECDiffieHellman key) => key.ExportPkcs8PrivateKey();

    public static ECDiffieHellman ImportPrivate(ReadOnlySpan<byte> pkcs8)
    {
        var key = Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
