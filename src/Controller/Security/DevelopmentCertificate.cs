using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InfoRadio.Controller.Security;

/// <summary>
/// A self-signed server certificate for development and first installs: ECDSA P-256, valid one year, naming
/// localhost, 127.0.0.1, ::1 and the machine's host name. Clients trust it by its PEM file or by pinning its
/// SHA-256 thumbprint; it is never a CA (it cannot sign other certificates).
/// </summary>
public static class DevelopmentCertificate
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>Regenerated when less than this is left, so a running site never meets an expired one.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static X509Certificate2 Create(DateTimeOffset now, string hostName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}, O=InfoRadio development", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (!string.Equals(hostName, "localhost", StringComparison.OrdinalIgnoreCase)) names.AddDnsName(hostName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform (not an ephemeral key).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>True when <paramref name="certificate"/> has its key and stays valid past <see cref="RenewBefore"/>.</summary>
    public static bool IsUsable(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.HasPrivateKey && certificate.NotBefore <= now.UtcDateTime && certificate.NotAfter > (now + RenewBefore).UtcDateTime;

    /// <summary>The SHA-256 thumbprint in upper-case hex, the form agents pin.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
