namespace InfoRadio.DeviceAgent.Link;

/// <summary>
/// MQTT over TLS (section <c>Agent:Tls</c>). The broker's certificate is trusted by, in this order: a pinned
/// <see cref="Thumbprint"/>, the CA certificates in <see cref="CaFile"/>, or the system's trusted roots. Any other
/// certificate is refused; <see cref="AllowUntrustedForDevelopment"/> is the only way to accept anything.
/// </summary>
public sealed class AgentTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA (or the self-signed server) certificate(s) to trust, instead of the system's roots.</summary>
    public string? CaFile { get; set; }

    /// <summary>SHA-256 (64 hex digits) or SHA-1 (40) thumbprint of the broker's own certificate; colons and spaces allowed.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Name checked against the certificate; default: the host connected to.</summary>
    public string? TargetHost { get; set; }

    /// <summary>Accept any certificate. Development only: anyone on the path can then impersonate the controller.</summary>
    public bool AllowUntrustedForDevelopment { get; set; }
}
