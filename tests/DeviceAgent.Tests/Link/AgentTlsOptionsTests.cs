using InfoRadio.DeviceAgent.Link;
using Microsoft.Extensions.Configuration;

namespace InfoRadio.DeviceAgent.Tests.Link;

public sealed class AgentTlsOptionsTests
{
    private static AgentOptions Valid() => new() { DeviceId = "box-1", Secret = "s3cret" };

    [Fact]
    public void Tls_settings_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:Tls:Enabled"] = "true",
            ["Agent:Tls:Thumbprint"] = "AB:CD",
            ["Agent:Tls:TargetHost"] = "radio.example",
        }).Build();
        var options = configuration.GetSection(AgentOptions.SectionName).Get<AgentOptions>()!;
        Assert.True(options.Tls.Enabled);
        Assert.Equal("AB:CD", options.Tls.Thumbprint);
        Assert.Equal("radio.example", options.Tls.TargetHost);
        Assert.False(options.Tls.AllowUntrustedForDevelopment);
    }

    [Fact]
    public void A_malformed_thumbprint_or_a_missing_CA_file_is_reported()
    {
        var options = Valid();
        options.Tls = new AgentTlsOptions { Enabled = true, Thumbprint = "not-hex", CaFile = "/nonexistent/ca.crt" };
        var errors = AgentOptionsValidator.Check(options);
        Assert.Contains("Agent:Tls:Thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits", errors);
        Assert.Contains("Agent:Tls:CaFile '/nonexistent/ca.crt' does not exist", errors);
    }

    [Theory]
    [InlineData("ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01", "ABCDEF0123456789ABCDEF0123456789ABCDEF01")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("ABCD", null)]
    [InlineData("zz23456789abcdef0123456789abcdef01234567", null)]
    public void Thumbprints_are_normalized_or_refused(string input, string? expected) =>
        Assert.Equal(expected, ServerCertificateTrust.NormalizeThumbprint(input));

    [Fact]
    public void A_CA_file_without_certificates_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "nothing here");
            Assert.Throws<ArgumentException>(() => ServerCertificateTrust.Create(null, path, false));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
