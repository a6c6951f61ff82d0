using System.Text;
using InfoRadio.Bench.Processes;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Broker.External;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Topics;
using InfoRadio.Testing;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker.External;

/// <summary>
/// A real mosquitto 2 with the dynamic-security plugin, its accounts managed by the controller through
/// <c>$CONTROL</c>: registration, rotation, revocation and removal take effect at mosquitto, and its ACLs are the
/// embedded broker's.
/// </summary>
public sealed class Mosquitto_Dynsec_Tests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private DynsecMosquitto _mosquitto = null!;
    private ControllerDatabase _database = null!;
    private DeviceRegistry _registry = null!;
    private MosquittoDynsecManager _manager = null!;
    private ControllerBus _bus = null!;
    private IOptions<BrokerOptions> _options = null!;

    public async Task InitializeAsync()
    {
        _mosquitto = await DynsecMosquitto.StartAsync(FreePort.Next());
        _database = new ControllerDatabase(Options.Create(new StorageOptions { DataDir = _dir.Path }));
        _registry = new DeviceRegistry(_database, TimeProvider.System, new CapturingLogger<DeviceRegistry>());
        _options = Options.Create(new BrokerOptions
        {
            Embedded = false, Port = _mosquitto.Port, ControllerPassword = "controller-password",
            External = new ExternalBrokerOptions
            {
                Kind = ExternalBrokerOptions.KindMosquittoDynsec, AdminUsername = DynsecMosquitto.AdminUsername, AdminPassword = _mosquitto.AdminPassword,
            },
        });
        var credentials = new ControllerCredentials(_options);
        var log = new CapturingLogger<MosquittoDynsecManager>();
        _manager = new MosquittoDynsecManager(_options, _registry, credentials, log);
        await _manager.StartAsync(CancellationToken.None);
        try
        {
            await _manager.Reconciled.WaitAsync(Poll.DefaultTimeout);
        }
        catch (TimeoutException)
        {
            await _manager.DisposeAsync();
            await _mosquitto.DisposeAsync();
            throw new TimeoutException("not reconciled: " + string.Join(" | ", log.Entries.Select(e => e.Message + " " + e.Exception)));
        }
        _bus = new ControllerBus(_options, credentials, _registry, [], new BusCounters(), TimeProvider.System, new CapturingLogger<ControllerBus>());
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _manager.DisposeAsync();
        await _mosquitto.DisposeAsync();
        _database.Dispose();
        _dir.Dispose();
    }

    private async Task<string> RegisterAsync(string id)
    {
        var secret = _registry.Register(id, null).Secret;
        await _manager.WhenIdleAsync(Poll.DefaultTimeout);
        return secret;
    }

    private Task<(TestClient Client, MqttClientConnectResult Result)> ConnectAsync(string id, string secret, string? clientId = null) =>
        TestClient.TryConnectAsync(_mosquitto.Port, clientId ?? id, id, secret);

    [Fact]
    public async Task A_registered_device_connects_and_a_wrong_password_is_refused()
    {
        var secret = await RegisterAsync("dev1");
        var (good, ok) = await ConnectAsync("dev1", secret);
        await using (good) Assert.Equal(MqttClientConnectResultCode.Success, ok.ResultCode);
        var (bad, refused) = await ConnectAsync("dev1", secret + "x");
        await using (bad) Assert.NotEqual(MqttClientConnectResultCode.Success, refused.ResultCode);
        var (stranger, unknown) = await ConnectAsync("nobody", secret);
        await using (stranger) Assert.NotEqual(MqttClientConnectResultCode.Success, unknown.ResultCode);
        var (takeover, other) = await ConnectAsync("dev1", secret, clientId: "dev2");
        await using (takeover) Assert.NotEqual(MqttClientConnectResultCode.Success, other.ResultCode);
    }

    [Fact]
    public async Task A_device_gets_its_own_topics_and_nothing_else()
    {
        var secret = await RegisterAsync("dev1");
        await RegisterAsync("dev2");
        var (device, _) = await ConnectAsync("dev1", secret);
        await using var _d = device;
        foreach (var own in new[] { TopicTree.DeviceDesired("dev1"), TopicTree.DeviceCommands("dev1"), TopicTree.ClockResponse("dev1"), TopicTree.DevicePlan("dev1"), TopicTree.ZoneDesired("north"), TopicTree.StreamAudio(3) })
            Assert.True(await device.SubscribeAsync(own) is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1, own);
        foreach (var foreign in new[] { TopicTree.DeviceCommands("dev2"), TopicTree.Root + "/zones/+/desired", TopicTree.Root + "/streams/+/audio", "#", TopicTree.DeviceState("dev2"), "$CONTROL/dynamic-security/v1/response" })
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync(foreign));
        var json = Encoding.UTF8.GetBytes("{}");
        Assert.True((await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), json)).IsSuccess);
        foreach (var foreign in new[] { TopicTree.DeviceState("dev2"), TopicTree.DeviceDesired("dev1"), TopicTree.ZoneDesired("all"), "$CONTROL/dynamic-security/v1" })
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync(foreign, json)).ReasonCode);
    }

    [Fact]
    public async Task Rotation_revocation_and_removal_take_effect_at_mosquitto()
    {
        var first = await RegisterAsync("dev1");
        var (connected, _) = await ConnectAsync("dev1", first);
        await using var _c = connected;

        var second = _registry.RotateSecret("dev1").Secret;
        await _manager.WhenIdleAsync(Poll.DefaultTimeout);
        await Poll.UntilAsync(() => !connected.Client.IsConnected, "the connection made with the old secret is cut");
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync("dev1", first)).Result.ResultCode);
        var (rotated, now) = await ConnectAsync("dev1", second);
        await using (rotated) Assert.Equal(MqttClientConnectResultCode.Success, now.ResultCode);

        _registry.Revoke("dev1", "test", "stolen");
        await _manager.WhenIdleAsync(Poll.DefaultTimeout);
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync("dev1", second)).Result.ResultCode);
        var third = _registry.Reinstate("dev1", "test").Secret;
        await _manager.WhenIdleAsync(Poll.DefaultTimeout);
        var (reinstated, back) = await ConnectAsync("dev1", third);
        await using (reinstated) Assert.Equal(MqttClientConnectResultCode.Success, back.ResultCode);

        _registry.Delete("dev1");
        await _manager.WhenIdleAsync(Poll.DefaultTimeout);
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await ConnectAsync("dev1", third)).Result.ResultCode);
    }

    [Fact]
    public async Task The_controller_and_a_device_talk_through_mosquitto()
    {
        var secret = await RegisterAsync("dev1");
        var (device, _) = await ConnectAsync("dev1", secret);
        await using var _d = device;
        await device.SubscribeAsync(TopicTree.DeviceCommands("dev1"));
        await _bus.PublishAsync(TopicTree.DeviceCommands("dev1"), Encoding.UTF8.GetBytes("{\"v\":1}"), MqttQualityOfServiceLevel.AtLeastOnce, false);
        await device.WaitForTopicAsync(TopicTree.DeviceCommands("dev1"));
    }

    [Fact]
    public async Task A_restart_deletes_accounts_of_removed_devices_and_names_devices_without_one()
    {
        var kept = await RegisterAsync("kept");
        await RegisterAsync("gone");
        await _manager.StopAsync(CancellationToken.None);
        _registry.Delete("gone");          // while the manager is away: mosquitto still has the account
        _registry.Register("orphan", null); // its plaintext secret never reached mosquitto
        var restarted = new MosquittoDynsecManager(_options, _registry, new ControllerCredentials(_options), new CapturingLogger<MosquittoDynsecManager>());
        await using (restarted)
        {
            await restarted.StartAsync(CancellationToken.None);
            await restarted.Reconciled.WaitAsync(Poll.DefaultTimeout);
            Assert.Equal(["orphan"], restarted.MissingAccounts);
        }
        var (device, ok) = await ConnectAsync("kept", kept);
        await using (device) Assert.Equal(MqttClientConnectResultCode.Success, ok.ResultCode);
        var listed = await _mosquitto.ListClientsAsync();
        Assert.DoesNotContain("gone", listed);
        Assert.Contains("kept", listed);
    }
}
