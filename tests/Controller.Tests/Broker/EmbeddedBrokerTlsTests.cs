using System.Diagnostics;
using System.Text;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>The broker's TLS endpoint with the generated development certificate, against real clients.</summary>
public sealed class EmbeddedBrokerTlsTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(configure: o =>
    {
        o.Tls.Enabled = true;
        o.Tls.DisablePlainEndpoint = false;
    });

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData("pin")]
    [InlineData("ca")]
    public async Task A_device_that_trusts_the_certificate_connects_over_TLS_and_receives(string trust)
    {
        var secret = _broker.Register("dev1");
        var trusted = trust == "pin"
            ? ServerCertificateTrust.Create(_broker.Certificates.Thumbprint, null, false)
            : ServerCertificateTrust.Create(null, _broker.Certificates.DevelopmentPemPath, false);

        var (device, result) = await TestClient.TryConnectAsync(_broker.TlsPort, "dev1", "dev1", secret,
            o => o.WithTlsOptions(trusted.ToMqttTlsOptions("127.0.0.1")));
        await using var _ = device;
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync(TopicTree.DeviceCommands("dev1")));

        await using var controller = await _broker.ConnectControllerAsync(); // the plain loopback endpoint is still open
        await controller.PublishAsync(TopicTree.DeviceCommands("dev1"), "{}"u8.ToArray());
        await device.WaitForTopicAsync(TopicTree.DeviceCommands("dev1"));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("wrong-pin")]
    [InlineData("wrong-name")]
    public async Task A_client_that_does_not_trust_the_certificate_is_refused(string trust)
    {
        var secret = _broker.Register("dev1");
        var (trusted, host) = trust switch
        {
            "system" => (ServerCertificateTrust.Create(null, null, false), "127.0.0.1"),
            "wrong-pin" => (ServerCertificateTrust.Create(new string('A', 64), null, false), "127.0.0.1"),
            _ => (ServerCertificateTrust.Create(null, _broker.Certificates.DevelopmentPemPath, false), "controller.example"),
        };

        var attempt = () => TestClient.TryConnectAsync(_broker.TlsPort, "dev1", "dev1", secret,
            o => o.WithTlsOptions(trusted.ToMqttTlsOptions(host)));
        await Assert.ThrowsAnyAsync<Exception>(attempt);
        Assert.Equal(0, _broker.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task Only_an_explicit_development_switch_accepts_any_certificate()
    {
        var secret = _broker.Register("dev1");
        var any = ServerCertificateTrust.Create(null, null, allowAny: true);
        var (device, result) = await TestClient.TryConnectAsync(_broker.TlsPort, "dev1", "dev1", secret,
            o => o.WithTlsOptions(any.ToMqttTlsOptions("anything.example")));
        await using var _ = device;
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task Mosquitto_pub_with_the_CA_file_publishes_over_TLS()
    {
        var secret = _broker.Register("dev1");
        await using var controller = await _broker.ConnectControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync(TopicTree.Filters.AllDeviceEvents));

        using var pub = Process.Start(new ProcessStartInfo("mosquitto_pub",
            ["-h", "localhost", "-p", _broker.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--cafile", _broker.Certificates.DevelopmentPemPath, "-u", "dev1", "-P", secret, "-i", "dev1", "-V", "mqttv311",
             "-t", TopicTree.DeviceEvents("dev1"), "-m", "{\"x\":1}", "-q", "1"])
        {
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await pub.WaitForExitAsync(timeout.Token);
        Assert.True(pub.ExitCode == 0, await pub.StandardError.ReadToEndAsync());
        var received = await controller.WaitForTopicAsync(TopicTree.DeviceEvents("dev1"));
        Assert.Equal("{\"x\":1}", Encoding.UTF8.GetString(received.Payload));
    }

    [Fact]
    public async Task Mosquitto_without_the_CA_file_is_refused()
    {
        var secret = _broker.Register("dev1");
        using var pub = Process.Start(new ProcessStartInfo("mosquitto_pub",
            ["-h", "localhost", "-p", _broker.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--capath", "/etc/ssl/certs", "-u", "dev1", "-P", secret, "-i", "dev1", "-t", TopicTree.DeviceEvents("dev1"), "-m", "x"])
        {
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await pub.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, pub.ExitCode);
        Assert.Equal(0, _broker.Counters.ConnectionsAccepted);
    }
}

public sealed class EmbeddedBrokerTlsOnlyTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(configure: o =>
    {
        o.Tls.Enabled = true;
        o.Tls.DisablePlainEndpoint = true;
    });

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task With_the_plain_endpoint_closed_only_TLS_connects()
    {
        var secret = _broker.Register("dev1");
        await Assert.ThrowsAnyAsync<Exception>(() => _broker.TryConnectAsync("dev1", "dev1", secret));

        var pin = ServerCertificateTrust.Create(_broker.Certificates.Thumbprint, null, false);
        var (device, result) = await TestClient.TryConnectAsync(_broker.TlsPort, "dev1", "dev1", secret,
            o => o.WithTlsOptions(pin.ToMqttTlsOptions("127.0.0.1")));
        await using var _ = device;
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }
}
