using System.Security.Cryptography;
using System.Text;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Tests.Enrollment;

public sealed class CredentialSealer_Tests
{
    private static readonly EnrolledCredentials Credentials = new() { DeviceId = "spk-0001", Secret = "s3cret-abcdefghijklmnopqrstuvwxyz" };

    [Fact]
    public void Only_the_device_key_opens_what_was_sealed_to_it()
    {
        using var device = DeviceKeys.Create();
        using var other = DeviceKeys.Create();
        var envelope = CredentialSealer.Seal(DeviceKeys.ExportPublic(device), "SN-0001", Credentials);

        var opened = CredentialSealer.Open(device, "sn-0001", envelope, out var problem);
        Assert.Null(problem);
        Assert.Equal(Credentials, opened);

        Assert.Null(CredentialSealer.Open(other, "sn-0001", envelope, out problem));
        Assert.Contains("not sealed to this key", problem);
        Assert.DoesNotContain(Credentials.Secret, Encoding.UTF8.GetString(MessageCodec.Encode(new EnrollmentResponse
        {
            Serial = "sn-0001", Status = EnrollmentStatus.Approved, KeyFingerprint = "0000-0000-0000-0000", Credentials = envelope, SentUs = 1_700_000_000_000_000,
        })));
    }

    [Fact]
    public void A_changed_byte_or_another_serial_is_refused()
    {
        using var device = DeviceKeys.Create();
        var envelope = CredentialSealer.Seal(DeviceKeys.ExportPublic(device), "sn-1", Credentials);
        var cipher = Convert.FromBase64String(envelope.Ciphertext);
        cipher[3] ^= 1;
        Assert.Null(CredentialSealer.Open(device, "sn-1", envelope with { Ciphertext = Convert.ToBase64String(cipher) }, out _));
        // The serial is the associated data: an answer replayed on another serial's topic does not open.
        Assert.Null(CredentialSealer.Open(device, "sn-2", envelope, out _));
        var tag = Convert.FromBase64String(envelope.Tag);
        tag[0] ^= 0x80;
        Assert.Null(CredentialSealer.Open(device, "sn-1", envelope with { Tag = Convert.ToBase64String(tag) }, out _));
    }

    [Fact]
    public void Every_seal_uses_a_fresh_ephemeral_key_and_nonce()
    {
        using var device = DeviceKeys.Create();
        var point = DeviceKeys.ExportPublic(device);
        var a = CredentialSealer.Seal(point, "sn-1", Credentials);
        var b = CredentialSealer.Seal(point, "sn-1", Credentials);
        Assert.NotEqual(a.EphemeralKey, b.EphemeralKey);
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
    }

    [Fact]
    public void The_derivation_is_the_documented_one()
    {
        // Recomputed by hand from the description: ECDH x, HKDF-SHA256(salt = eph || dev, info = "inforadio/v1 enrollment " + serial), AES-256-GCM(aad = serial).
        using var device = DeviceKeys.Create();
        using var ephemeral = DeviceKeys.Create();
        var nonce = new byte[12];
        var point = DeviceKeys.ExportPublic(device);
        var envelope = CredentialSealer.Seal(point, "sn-9", Credentials, ephemeral, nonce);
        var ephPoint = DeviceKeys.ExportPublic(ephemeral);
        var shared = device.DeriveRawSecretAgreement(ephemeral.PublicKey);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. ephPoint, .. point], Encoding.UTF8.GetBytes("inforadio/v1 enrollment sn-9"));
        var cipher = Convert.FromBase64String(envelope.Ciphertext);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(nonce, cipher, Convert.FromBase64String(envelope.Tag), plain, Encoding.UTF8.GetBytes("sn-9"));
        Assert.Equal("""{"deviceId":"spk-0001","secret":"s3cret-abcdefghijklmnopqrstuvwxyz"}""", Encoding.UTF8.GetString(plain));
        Assert.Equal(Convert.ToBase64String(ephPoint), envelope.EphemeralKey);
    }

    [Fact]
    public void Public_keys_travel_as_65_byte_points_and_bad_points_are_refused()
    {
        using var device = DeviceKeys.Create();
        var point = DeviceKeys.ExportPublic(device);
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        Assert.True(DeviceKeys.IsValidPublic(point));
        var offCurve = (byte[])point.Clone();
        offCurve[64] ^= 1;
        Assert.False(DeviceKeys.IsValidPublic(offCurve));
        Assert.False(DeviceKeys.IsValidPublic(point.AsSpan(0, 33)));
        Assert.Matches("^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$", DeviceKeys.Fingerprint(point));
        using var copy = DeviceKeys.ImportPrivate(DeviceKeys.ExportPrivate(device));
        Assert.Equal(point, DeviceKeys.ExportPublic(copy));
    }
}
