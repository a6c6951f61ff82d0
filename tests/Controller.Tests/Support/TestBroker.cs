using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Storage;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;

namespace InfoRadio.Controller.Tests.Support;

/// <summary>A real <see cref="EmbeddedBroker"/> on a free loopback port, with a registry in a temp LiteDB file.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private TestBroker(TimeProvider time, Action<BrokerOptions>? configure, InfoRadio.Controller.Enrollment.EnrollmentTokens? tokens, DeviceMessageTap? tap,
        DeviceSessionDelivery? sessionDelivery, InfoRadio.Controller.Broadcasting.StreamDeadlines? deadlines)
    {
        Tap = tap;
        SessionDelivery = sessionDelivery;
        Dir = new TempDirectory();
        Port = FreePort.Next();
        var options = new BrokerOptions { Port = Port, ListenIPv6 = false };
        options.Tls.Port = FreePort.Next();
        configure?.Invoke(options);
        Options = Microsoft.Extensions.Options.Options.Create(options);
        var storage = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDir = Dir.Path });
        Database = new ControllerDatabase(storage);
        Registry = new DeviceRegistry(Database, time, new CapturingLogger<DeviceRegistry>());
        Credentials = new ControllerCredentials(Options);
        Certificates = new ServerCertificateSource(Options, storage, time, new CapturingLogger<ServerCertificateSource>());
        Broker = new EmbeddedBroker(Options, Registry, Credentials, new TopicAccessPolicy(), Counters, Log,
            new ConnectThrottle(Options, time), Certificates, tokens, tap, sessionDelivery, deadlines);
    }

    public ServerCertificateSource Certificates { get; }

    public int TlsPort => Options.Value.Tls.Port;

    public TempDirectory Dir { get; }
    public int Port { get; }
    public IOptions<BrokerOptions> Options { get; }
    public ControllerDatabase Database { get; }
    public DeviceRegistry Registry { get; }
    public ControllerCredentials Credentials { get; }
    public BrokerCounters Counters { get; } = new();
    public CapturingLogger<EmbeddedBroker> Log { get; } = new();
    public EmbeddedBroker Broker { get; }

    /// <summary>Where the broker hands device messages to the controller bus in process; null: through MQTT.</summary>
    public DeviceMessageTap? Tap { get; }

    /// <summary>How the controller bus puts a message into one device's session; null: it publishes.</summary>
    public DeviceSessionDelivery? SessionDelivery { get; }

    public static async Task<TestBroker> StartAsync(TimeProvider? time = null, Action<BrokerOptions>? configure = null,
        InfoRadio.Controller.Enrollment.EnrollmentTokens? tokens = null, DeviceMessageTap? tap = null, DeviceSessionDelivery? sessionDelivery = null,
        InfoRadio.Controller.Broadcasting.StreamDeadlines? deadlines = null)
    {
        var broker = new TestBroker(time ?? TimeProvider.System, configure, tokens, tap, sessionDelivery, deadlines);
        await broker.Broker.StartAsync(CancellationToken.None);
        return broker;
    }

    public string Register(string id) => Registry.Register(id, null).Secret;

    public Task<(TestClient Client, MqttClientConnectResult Result)> TryConnectAsync(
        string clientId, string? user, string? password, Action<MqttClientOptionsBuilder>? configure = null,
        MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        TestClient.TryConnectAsync(Port, clientId, user, password, configure, version);

    public async Task<TestClient> ConnectDeviceAsync(string id, string secret, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var (client, result) = await TryConnectAsync(id, id, secret, configure);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    public async Task<TestClient> ConnectControllerAsync()
    {
        var (client, result) = await TryConnectAsync(ControllerCredentials.Username, ControllerCredentials.Username, Credentials.Password);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.StopAsync(CancellationToken.None);
        Tap?.Dispose();
        Database.Dispose();
        Dir.Dispose();
    }
}
