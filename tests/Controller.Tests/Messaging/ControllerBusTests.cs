using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>The bus as it works with an external broker: device messages through its MQTT subscriptions.</summary>
public class ControllerBusTests : IAsyncLifetime
{
    private readonly RecordingObserver _observer = new();
    private readonly ThrowingObserver _throwing = new();
    private readonly CapturingLogger<ControllerBus> _log = new();
    private TestBroker _broker = null!;
    private ControllerBus _bus = null!;

    /// <summary>
    /// True: device messages come through the embedded broker's in-process tap, and clock answers go straight into the
    /// device's session, as in production with the embedded broker.
    /// </summary>
    protected virtual bool ThroughTap => false;

    public async Task InitializeAsync()
    {
        var tap = ThroughTap ? new DeviceMessageTap(TimeProvider.System) : null;
        var sessionDelivery = ThroughTap ? new DeviceSessionDelivery() : null;
        _broker = await TestBroker.StartAsync(tap: tap, sessionDelivery: sessionDelivery);
        // The throwing observer comes first: the one after it must still be called.
        _bus = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [_throwing, _observer],
            new BusCounters(), TimeProvider.System, _log, tap: tap, sessionDelivery: sessionDelivery);
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private static long NowUs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private async Task<TestClient> ConnectDeviceWithWillAsync(string id)
    {
        var secret = _broker.Register(id);
        return await _broker.ConnectDeviceAsync(id, secret, o => o
            .WithWillTopic(TopicTree.DeviceState(id))
            .WithWillPayload(MessageCodec.Encode(new ReportedState { Online = false }))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
    }

    [Fact]
    public async Task Connects_as_the_controller_and_is_connected()
    {
        Assert.True(_bus.IsConnected);
        Assert.Equal(1, _bus.Counters.Connects);
        Assert.Contains("controller", await _broker.Broker.GetConnectedClientIdsAsync());
        Assert.Equal(0, _broker.Counters.SubscribeDenied);
    }

    [Fact]
    public async Task A_reported_state_makes_the_device_online_and_its_Will_offline()
    {
        var device = await ConnectDeviceWithWillAsync("dev1");
        await device.PublishAsync(TopicTree.DeviceState("dev1"),
            MessageCodec.Encode(new ReportedState { Online = true, AtUs = NowUs(), Firmware = "agent 1.0", Volume = 60 }), retain: true);

        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.Online, "dev1 is online");
        Assert.Equal("agent 1.0", _broker.Registry.Find("dev1")!.Firmware);
        Assert.Equal(60, _broker.Registry.Find("dev1")!.Volume);

        device.Kill();

        // Both the broker (MarkOffline) and the Will (through the bus) say offline; the Will must reach the bus.
        await Poll.UntilAsync(() => _bus.Counters.Received(TopicKind.DeviceState) == 2, "the Will reaches the bus");
        Assert.False(_broker.Registry.Find("dev1")!.Online);
    }

    [Fact]
    public async Task Telemetry_reaches_the_registry()
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        var telemetry = new Telemetry { AtUs = NowUs(), SignalDbm = -77, Network = "4g", SupplyVolts = 12.1 };

        await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), MessageCodec.Encode(telemetry), MqttQualityOfServiceLevel.AtMostOnce);

        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.LastTelemetry is not null, "telemetry is applied");
        Assert.Equal(telemetry, _broker.Registry.Find("dev1")!.LastTelemetry);
    }

    [Fact]
    public async Task Events_reach_every_observer_even_when_one_throws()
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        var played = new DeviceEvent
        {
            Id = Guid.NewGuid().ToString("N"), Type = DeviceEventType.PlayStarted, AtUs = NowUs(), Session = "s-1", Position = 0,
        };

        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played));
        await Poll.UntilAsync(() => _observer.Events.Count == 1, "the observer gets the event");

        Assert.Equal(("dev1", played), _observer.Events.Single());
        Assert.Equal(1, _throwing.Calls);
        Assert.Equal(1, _bus.Counters.ObserverFailures);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);

        // The bus goes on.
        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played with { Id = Guid.NewGuid().ToString("N") }));
        await Poll.UntilAsync(() => _observer.Events.Count == 2, "the second event arrives");
        Assert.True(_bus.IsConnected);
    }

    [Fact]
    public async Task A_clock_request_is_answered_at_once_with_plausible_t1_and_t2()
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        await device.SubscribeAsync(TopicTree.ClockResponse("dev1"), MqttQualityOfServiceLevel.AtMostOnce);
        var t0 = NowUs();

        await device.PublishAsync(TopicTree.ClockRequest("dev1"), MessageCodec.Encode(new ClockSyncRequest { Seq = 17, T0Us = t0 }),
            MqttQualityOfServiceLevel.AtMostOnce);
        var message = await device.WaitForTopicAsync(TopicTree.ClockResponse("dev1"));
        var t3 = NowUs() + 1000;

        var response = MessageCodec.Parse<ClockSyncResponse>(message.Payload);
        Assert.True(response.IsOk, response.Error);
        Assert.Equal(17, response.Value.Seq);
        Assert.Equal(t0, response.Value.T0Us);
        // Same machine, same clock: the controller's timestamps lie inside the exchange (ms rounding of t0 aside).
        Assert.InRange(response.Value.T1Us, t0, t3);
        Assert.InRange(response.Value.T2Us, response.Value.T1Us, t3);
        Assert.False(message.Retain);
        Assert.Equal(1, _bus.Counters.ClockResponsesSent);
    }

    public static TheoryData<string, byte[]> MalformedPayloads() => new()
    {
        { "state", "not json"u8.ToArray() },
        { "state", """{"v":2,"online":true}"""u8.ToArray() },
        { "telemetry", """{"v":1}"""u8.ToArray() },
        { "telemetry", new byte[InfoRadio.Protocol.ProtocolVersion.MaxJsonBytes + 1] },
        { "events", """{"v":1,"id":"x","type":"exploded","atUs":1700000000000000}"""u8.ToArray() },
        { "clock/req", """{"v":1,"seq":-1,"t0Us":5}"""u8.ToArray() },
        { "clock/req", [0xff, 0xfe, 0x00] },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public async Task Malformed_payloads_are_counted_logged_dropped_and_survived(string leaf, byte[] payload)
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        var topic = $"{TopicTree.Root}/devices/dev1/{leaf}";
        Assert.True(TopicTree.TryParse(topic, out var name));

        await device.PublishAsync(topic, payload);
        await Poll.UntilAsync(() => _bus.Counters.Malformed(name.Kind) == 1, $"the malformed {name.Kind} is counted");
        await Poll.UntilAsync(() => _log.Entries.Any(e => e.Level == LogLevel.Warning && e.EventId.Id == 1310 && e.Message.Contains("dev1")),
            "the malformed message is logged");

        Assert.Equal(0, _bus.Counters.Received(name.Kind));
        Assert.False(_broker.Registry.Find("dev1")!.Online);

        // Still alive: a valid state is applied right after.
        await device.PublishAsync(TopicTree.DeviceState("dev1"), MessageCodec.Encode(new ReportedState { Online = true }), retain: true);
        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.Online, "a valid state after the bad one is applied");
        Assert.True(_bus.IsConnected);
    }

    [Fact]
    public async Task Publish_delivers_to_a_subscribed_device()
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        await device.SubscribeAsync(TopicTree.StreamAudio(3), MqttQualityOfServiceLevel.AtMostOnce);
        await device.SubscribeAsync(TopicTree.DeviceDesired("dev1"));
        byte[] audio = [1, 2, 3, 4, 5];

        await _bus.PublishAsync(TopicTree.StreamAudio(3), audio, MqttQualityOfServiceLevel.AtMostOnce, retain: false);
        await _bus.PublishAsync(TopicTree.DeviceDesired("dev1"), "{}"u8.ToArray(), MqttQualityOfServiceLevel.AtLeastOnce, retain: true);

        Assert.Equal(audio, (await device.WaitForTopicAsync(TopicTree.StreamAudio(3))).Payload);
        await device.WaitForTopicAsync(TopicTree.DeviceDesired("dev1"));
    }

    [Fact]
    public async Task Publishing_without_a_connection_throws_a_clear_exception()
    {
        await using var idle = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(),
            TimeProvider.System, new CapturingLogger<ControllerBus>());

        var ex = await Assert.ThrowsAsync<BusNotConnectedException>(() =>
            idle.PublishAsync(TopicTree.StreamAudio(1), new byte[3], MqttQualityOfServiceLevel.AtMostOnce, false));

        Assert.Contains("not connected", ex.Message);
        Assert.Contains($"127.0.0.1:{_broker.Port}", ex.Message);
        Assert.False(idle.IsConnected);
    }

    [Fact]
    public async Task Reconnects_after_the_broker_restarts()
    {
        var connected = 0;
        _bus.Connected += () => Interlocked.Increment(ref connected);

        await _broker.Broker.StopAsync(CancellationToken.None);
        await Poll.UntilAsync(() => !_bus.IsConnected, "the bus notices the broker is gone");
        await Assert.ThrowsAsync<BusNotConnectedException>(() =>
            _bus.PublishAsync(TopicTree.StreamAudio(1), new byte[3], MqttQualityOfServiceLevel.AtMostOnce, false));

        await _broker.Broker.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);

        Assert.True(_bus.IsConnected);
        Assert.Equal(1, connected);
        Assert.Equal(2, _bus.Counters.Connects);
        // Subscriptions are back: a device's state reaches the registry again.
        await using var device = await _broker.ConnectDeviceAsync("dev9", _broker.Register("dev9"));
        await device.PublishAsync(TopicTree.DeviceState("dev9"), MessageCodec.Encode(new ReportedState { Online = true }), retain: true);
        await Poll.UntilAsync(() => _broker.Registry.Find("dev9")!.Online, "state flows after the reconnect");
    }
}
