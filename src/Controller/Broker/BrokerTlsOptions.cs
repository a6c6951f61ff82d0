namespace InfoRadio.Controller.Broker;

/// <summary>
/// MQTT over TLS (section <c>Broker:Tls</c>). With the embedded broker: a TLS endpoint on <see cref="Port"/> with
/// the certificate at <see cref="CertificatePath"/> (PFX, or PEM with <see cref="KeyPath"/>), or, when none is
/// configured, a self-signed development certificate generated into the data folder. With an external broker:
/// the controller's own link connects over TLS and trusts <see cref="CaFile"/> or the pinned <see cref="Thumbprint"/>.
/// </summary>
public sealed class BrokerTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Port of the TLS endpoint (embedded) or of the external broker's TLS listener.</summary>
    public int Port { get; set; } = 8883;

    /// <summary>PFX file, or PEM certificate (chain) file; empty: the development certificate.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key when <see cref="CertificatePath"/> is PEM and the key is in another file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PFX file or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Close the plain TCP endpoint: every client, the controller's own link too, must use TLS.</summary>
    public bool DisablePlainEndpoint { get; set; }

    /// <summary>External broker only: PEM file of the CA certificate(s) the broker's certificate must chain to.</summary>
    public string? CaFile { get; set; }

    /// <summary>External broker only: SHA-256 thumbprint (hex) of the broker's certificate, pinned.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Host name the broker's certificate must name when the controller connects over TLS; default: Broker:Host.</summary>
    public string? TargetHost { get; set; }

    /// <summary>Where the development certificate is written, relative to the data folder.</summary>
    public const string DevelopmentCertificateFile = "tls/inforadio-dev.pfx";

    /// <summary>Its public part in PEM, for <c>mosquitto_sub --cafile</c> or an agent's <c>Agent:Tls:CaFile</c>.</summary>
    public const string DevelopmentCertificatePemFile = "tls/inforadio-dev.crt";
}
