using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace InfoRadio.DeviceAgent.Link;

/// <summary>
/// Decides whether a TLS server certificate is trusted: pinned thumbprint (the chain and name are not checked, the
/// pin is stronger), else chain to the CA certificates of a file (name checked), else the platform's verdict.
/// Shared by the agent and the controller's own MQTT link.
/// </summary>
public sealed class ServerCertificateTrust
{
    private readonly string? _pin;
    private readonly X509Certificate2Collection? _roots;
    private readonly bool _allowAny;

    private ServerCertificateTrust(string? pin, X509Certificate2Collection? roots, bool allowAny)
    {
        _pin = pin;
        _roots = roots;
        _allowAny = allowAny;
    }

    /// <summary>What is trusted, for logs.</summary>
    public string Description => _allowAny ? "ANY certificate (development)"
        : _pin is not null ? $"the certificate with thumbprint {_pin}"
        : _roots is not null ? $"certificates issued by {_roots.Count} CA certificate(s) from the CA file"
        : "the system's trusted roots";

    /// <exception cref="ArgumentException">A malformed thumbprint, or a CA file without certificates.</exception>
    /// <exception cref="IOException">The CA file cannot be read.</exception>
    public static ServerCertificateTrust Create(string? thumbprint, string? caFile, bool allowAny)
    {
        string? pin = null;
        if (!string.IsNullOrWhiteSpace(thumbprint))
        {
            pin = NormalizeThumbprint(thumbprint) ?? throw new ArgumentException(
                "the thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits", nameof(thumbprint));
        }
        X509Certificate2Collection? roots = null;
        if (!string.IsNullOrWhiteSpace(caFile))
        {
            roots = [];
            roots.ImportFromPemFile(caFile);
            if (roots.Count == 0) throw new ArgumentException($"the CA file '{caFile}' holds no PEM certificate", nameof(caFile));
        }
        return new ServerCertificateTrust(pin, roots, allowAny);
    }

    /// <summary>Upper-case hex without separators, or null when it is not 40 or 64 hex digits.</summary>
    public static string? NormalizeThumbprint(string thumbprint)
    {
        var hex = new string(thumbprint.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToUpperInvariant();
        return hex.Length is 40 or 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    public bool IsTrusted(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_allowAny) return true;
        if (certificate is null) return false;
        using var cert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (_pin is not null)
        {
            var actual = _pin.Length == 64 ? cert.GetCertHashString(HashAlgorithmName.SHA256) : cert.GetCertHashString(HashAlgorithmName.SHA1);
            return string.Equals(actual, _pin, StringComparison.OrdinalIgnoreCase);
        }
        if (_roots is null) return errors == SslPolicyErrors.None;
        // Our own roots: only the name and the chain to them count, not the system's store.
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(cert);
    }

    /// <summary>MQTTnet's TLS settings that apply this trust, checking the name <paramref name="targetHost"/>.</summary>
    public MqttClientTlsOptions ToMqttTlsOptions(string targetHost) => new MqttClientTlsOptionsBuilder()
        .UseTls()
        .WithTargetHost(targetHost)
        .WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.Chain, e.SslPolicyErrors))
        .Build();
}
