using System.Net;
using System.Security.Cryptography.X509Certificates;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Security;

public sealed class DevelopmentCertificateTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void It_names_localhost_the_loopback_addresses_and_the_host_and_is_no_CA()
    {
        using var cert = DevelopmentCertificate.Create(_time.GetUtcNow(), "box-17");
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["box-17", "localhost"], san.EnumerateDnsNames().Order());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], san.EnumerateIPAddresses());
        Assert.False(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(cert.HasPrivateKey);
        Assert.True(DevelopmentCertificate.IsUsable(cert, _time.GetUtcNow()));
        Assert.False(DevelopmentCertificate.IsUsable(cert, _time.GetUtcNow() + DevelopmentCertificate.Lifetime - TimeSpan.FromDays(29)));
    }

    [Fact]
    public void The_source_generates_once_into_the_data_folder_and_reuses_it()
    {
        var first = Source();
        var thumbprint = first.Thumbprint;
        Assert.True(File.Exists(first.Path));
        Assert.StartsWith(_dir.Path, first.Path, StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(first.DevelopmentPemPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Path));

        Assert.Equal(thumbprint, Source().Thumbprint);

        // Near its end it is replaced.
        _time.Advance(DevelopmentCertificate.Lifetime - TimeSpan.FromDays(10));
        Assert.NotEqual(thumbprint, Source().Thumbprint);
    }

    [Fact]
    public void A_configured_PEM_certificate_and_key_are_used()
    {
        using var cert = DevelopmentCertificate.Create(_time.GetUtcNow(), "site");
        var certPath = Path.Combine(_dir.Path, "site.crt");
        var keyPath = Path.Combine(_dir.Path, "site.key");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var source = Source(o => { o.CertificatePath = certPath; o.KeyPath = keyPath; });

        Assert.False(source.IsDevelopment);
        Assert.True(source.Certificate.HasPrivateKey);
        Assert.Equal(DevelopmentCertificate.Sha256Thumbprint(cert), source.Thumbprint);
        Assert.False(File.Exists(Path.Combine(_dir.Path, BrokerTlsOptions.DevelopmentCertificateFile)));
    }

    [Fact]
    public void An_unreadable_configured_certificate_fails_with_its_setting_named()
    {
        var path = Path.Combine(_dir.Path, "broken.pem");
        File.WriteAllText(path, "not a certificate");
        var ex = Assert.Throws<InvalidOperationException>(() => Source(o => o.CertificatePath = path).Certificate);
        Assert.Contains("Broker:Tls:CertificatePath", ex.Message, StringComparison.Ordinal);
    }

    private ServerCertificateSource Source(Action<BrokerTlsOptions>? configure = null)
    {
        var broker = new BrokerOptions();
        broker.Tls.Enabled = true;
        configure?.Invoke(broker.Tls);
        return new ServerCertificateSource(Microsoft.Extensions.Options.Options.Create(broker),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDir = _dir.Path }), _time,
            new CapturingLogger<ServerCertificateSource>());
    }
}
