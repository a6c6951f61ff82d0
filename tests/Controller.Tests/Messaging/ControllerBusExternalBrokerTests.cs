using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>
/// The bus against an external broker (mosquitto). With no embedded broker there is no MarkOffline, so a device
/// going offline here proves the Last Will alone, through the bus, does it.
/// </summary>
public sealed class ControllerBusExternalBrokerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private Mosquitto _mosquitto = null!;
    private ControllerDatabase _database = null!;
    private DeviceRegistry _registry = null!;
    private ControllerBus _bus = null!;

    public async Task InitializeAsync()
    {
        _mosquitto = await Mosquitto.StartAsync();
        _database = new ControllerDatabase(Options.Create(new StorageOptions { DataDir = _dir.Path }));
        _registry = new DeviceRegistry(_database, TimeProvider.System, new CapturingLogger<DeviceRegistry>());
        var options = Options.Create(new BrokerOptions { Embedded = false, Port = _mosquitto.Port, ControllerPassword = "configured" });
        _bus = new ControllerBus(options, new ControllerCredentials(options), _registry, [], new BusCounters(), TimeProvider.System,
            new CapturingLogger<ControllerBus>());
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _mosquitto.DisposeAsync();
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_Last_Will_alone_marks_a_lost_device_offline()
    {
        _registry.Register("dev1", null);
        var (device, result) = await TestClient.TryConnectAsync(_mosquitto.Port, "dev1", "dev1", "anything", o => o
            .WithWillTopic(TopicTree.DeviceState("dev1"))
            .WithWillPayload(MessageCodec.Encode(new ReportedState { Online = false }))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await device.PublishAsync(TopicTree.DeviceState("dev1"), MessageCodec.Encode(new ReportedState { Online = true }), retain: true);
        await Poll.UntilAsync(() => _registry.Find("dev1")!.Online, "dev1 is online");

        device.Kill();

        await Poll.UntilAsync(() => !_registry.Find("dev1")!.Online, "the Will marks dev1 offline");
        Assert.Equal(2, _bus.Counters.Received(TopicKind.DeviceState));
    }

    [Fact]
    public async Task Clock_requests_are_answered_through_an_external_broker_too()
    {
        var (device, _) = await TestClient.TryConnectAsync(_mosquitto.Port, "dev1", "dev1", "x");
        await using var _ = device;
        await device.SubscribeAsync(TopicTree.ClockResponse("dev1"), MqttQualityOfServiceLevel.AtMostOnce);

        await device.PublishAsync(TopicTree.ClockRequest("dev1"),
            MessageCodec.Encode(new ClockSyncRequest { Seq = 1, T0Us = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 }),
            MqttQualityOfServiceLevel.AtMostOnce);

        var response = MessageCodec.Parse<ClockSyncResponse>((await device.WaitForTopicAsync(TopicTree.ClockResponse("dev1"))).Payload);
        Assert.True(response.IsOk, response.Error);
        Assert.Equal(1, response.Value.Seq);
    }

    [Fact]
    public async Task Events_a_device_sends_while_the_controller_is_away_arrive_when_it_is_back()
    {
        _registry.Register("dev1", null);
        await _bus.StopAsync(CancellationToken.None);
        var (device, _) = await TestClient.TryConnectAsync(_mosquitto.Port, "dev1", "dev1", "x");
        await using var _d = device;
        var sent = new DeviceEvent { Id = "e-away-1", Type = DeviceEventType.PlayStarted, AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, Session = "s1", Position = 0 };
        // Acknowledged by mosquitto: the device forgets it; only the controller's kept session holds it now.
        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(sent), MqttQualityOfServiceLevel.AtLeastOnce);

        var observer = new RecordingObserver();
        var options = Options.Create(new BrokerOptions { Embedded = false, Port = _mosquitto.Port, ControllerPassword = "configured" });
        await using var back = new ControllerBus(options, new ControllerCredentials(options), _registry, [observer], new BusCounters(), TimeProvider.System,
            new CapturingLogger<ControllerBus>());
        await back.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(() => observer.Events.Count == 1, "the event kept for the controller arrives");
        Assert.Equal(("dev1", "e-away-1"), (observer.Events.Single().Device, observer.Events.Single().Event.Id));
    }

    private sealed class RecordingObserver : IDeviceEventObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Device, DeviceEvent Event)> Events { get; } = new();

        public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent) => Events.Enqueue((deviceId, deviceEvent));
    }
}
