using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Storage;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Security;

/// <summary>
/// The controller's one server certificate, for the broker's TLS endpoint and for HTTPS: loaded from
/// <c>Broker:Tls:CertificatePath</c> (PFX, or PEM with the key in the same file or <c>Broker:Tls:KeyPath</c>), or,
/// when none is configured, the development certificate in the data folder (generated when missing or near its
/// end). Loaded on first use, so a controller without TLS never touches it. Its path and SHA-256 thumbprint are
/// logged so that agents can pin it.
/// </summary>
public sealed partial class ServerCertificateSource
{
    private readonly BrokerTlsOptions _tls;
    private readonly string _dataDir;
    private readonly TimeProvider _time;
    private readonly ILogger<ServerCertificateSource> _logger;
    private readonly Lazy<X509Certificate2> _certificate;

    public ServerCertificateSource(IOptions<BrokerOptions> broker, IOptions<StorageOptions> storage, TimeProvider time,
        ILogger<ServerCertificateSource> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(storage);
        _tls = broker.Value.Tls;
        _dataDir = storage.Value.DataDir;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _certificate = new Lazy<X509Certificate2>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The certificate with its private key.</summary>
    /// <exception cref="InvalidOperationException">The configured certificate cannot be read.</exception>
    public X509Certificate2 Certificate => _certificate.Value;

    public bool IsDevelopment => string.IsNullOrWhiteSpace(_tls.CertificatePath);

    /// <summary>Where the certificate (PFX, or the configured file) is.</summary>
    public string Path => IsDevelopment ? System.IO.Path.GetFullPath(System.IO.Path.Combine(_dataDir, BrokerTlsOptions.DevelopmentCertificateFile)) : _tls.CertificatePath!;

    /// <summary>The development certificate's public PEM file (what <c>--cafile</c> and <c>Agent:Tls:CaFile</c> take).</summary>
    public string DevelopmentPemPath => System.IO.Path.GetFullPath(System.IO.Path.Combine(_dataDir, BrokerTlsOptions.DevelopmentCertificatePemFile));

    public string Thumbprint => DevelopmentCertificate.Sha256Thumbprint(Certificate);

    private X509Certificate2 Load()
    {
        var certificate = IsDevelopment ? LoadOrCreateDevelopment() : LoadConfigured();
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"the TLS certificate {Path} has no private key");
        LogCertificate(IsDevelopment ? "development (self-signed)" : "configured", Path, certificate.Subject,
            DevelopmentCertificate.Sha256Thumbprint(certificate), certificate.NotAfter);
        return certificate;
    }

    private X509Certificate2 LoadConfigured()
    {
        var path = _tls.CertificatePath!;
        try
        {
            var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".pfx" or ".p12") return X509CertificateLoader.LoadPkcs12FromFile(path, _tls.CertificatePassword);
            using var pem = string.IsNullOrEmpty(_tls.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path, _tls.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, _tls.CertificatePassword, _tls.KeyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"cannot read the TLS certificate Broker:Tls:CertificatePath='{path}'"
                + (string.IsNullOrEmpty(_tls.KeyPath) ? "" : $" with key '{_tls.KeyPath}'") + $": {ex.Message}", ex);
        }
    }

    private X509Certificate2 LoadOrCreateDevelopment()
    {
        var path = Path;
        var now = _time.GetUtcNow();
        if (File.Exists(path))
        {
            try
            {
                var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
                if (DevelopmentCertificate.IsUsable(existing, now))
                {
                    if (!File.Exists(DevelopmentPemPath)) WritePem(existing);
                    return existing;
                }
                existing.Dispose();
            }
            catch (CryptographicException ex)
            {
                LogUnreadableDevelopment(ex, path);
            }
        }
        var created = DevelopmentCertificate.Create(now, System.Net.Dns.GetHostName());
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, []);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(temp, created.Export(X509ContentType.Pkcs12));
        File.Move(temp, path, overwrite: true);
        WritePem(created);
        LogGenerated(path, DevelopmentPemPath);
        return created;
    }

    private void WritePem(X509Certificate2 certificate) => File.WriteAllText(DevelopmentPemPath, certificate.ExportCertificatePem() + "\n");

    [LoggerMessage(EventId = 1250, Level = LogLevel.Information,
        Message = "TLS certificate ({Kind}) {Path}: {Subject}, SHA-256 thumbprint {Thumbprint} (pin it as Agent:Tls:Thumbprint), valid until {NotAfter:u}")]
    private partial void LogCertificate(string kind, string path, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Warning,
        Message = "Generated a self-signed development TLS certificate at {Path} (public part: {PemPath}); configure Broker:Tls:CertificatePath for production")]
    private partial void LogGenerated(string path, string pemPath);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning, Message = "The development TLS certificate {Path} is unreadable; generating a new one")]
    private partial void LogUnreadableDevelopment(Exception exception, string path);
}
