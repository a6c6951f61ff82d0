using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>Every test of <see cref="ControllerBusTests"/> again, with device messages through the embedded broker's tap.</summary>
public sealed class ControllerBus_Through_Tap_Tests : ControllerBusTests
{
    protected override bool ThroughTap => true;
}

/// <summary>What only the tap does: no subscriptions of the controller's link, and a bounded hand-over.</summary>
public sealed class DeviceMessageTap_Tests : IAsyncLifetime
{
    private readonly DeviceMessageTap _tap = new(TimeProvider.System, capacity: 3);
    private readonly CapturingLogger<ControllerBus> _log = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(tap: _tap);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private ControllerBus Bus() => new(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(), TimeProvider.System, _log, tap: _tap);

    [Fact]
    public async Task Each_message_arrives_once_through_the_tap_not_also_through_a_subscription()
    {
        await using var bus = Bus();
        await bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await bus.WaitConnectedAsync(timeout.Token);
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));

        await device.PublishAsync(TopicTree.DeviceState("dev1"), MessageCodec.Encode(new ReportedState { Online = true }), retain: true);

        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.Online, "dev1 online through the tap");
        // A message published after it, once it has arrived, is behind any copy of the state on the link too.
        await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), MessageCodec.Encode(new Telemetry { AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, SignalDbm = -70 }), MqttQualityOfServiceLevel.AtLeastOnce);
        await Poll.UntilAsync(() => bus.Counters.Received(TopicKind.DeviceTelemetry) == 1, "the telemetry arrives");
        await bus.PublishAsync(TopicTree.StreamAudio(1), new byte[3], MqttQualityOfServiceLevel.AtLeastOnce, retain: false); // a round trip on the link
        Assert.Equal(1, bus.Counters.Received(TopicKind.DeviceState));
        Assert.Equal(1, bus.Counters.Received(TopicKind.DeviceTelemetry));
    }

    [Fact]
    public async Task Past_its_capacity_the_tap_drops_counts_and_logs_and_the_broker_goes_on()
    {
        // No bus reads the tap: three messages fill it.
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        for (var i = 0; i < 5; i++)
            await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), MessageCodec.Encode(new Telemetry { AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, SignalDbm = -70 - i }), MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(3, _tap.Waiting);
        Assert.Equal(2, _tap.Dropped);
        Assert.Equal(2, _broker.Counters.QueueOverflows);
        Assert.Contains(_broker.Log.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("The controller reads device messages slower than they come: 3 are waiting", StringComparison.Ordinal));

        // Once read, room again: a bus started now takes the three waiting, then the next.
        await using var bus = Bus();
        await bus.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => bus.Counters.Received(TopicKind.DeviceTelemetry) == 3, "the waiting three are read");
        await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), MessageCodec.Encode(new Telemetry { AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, SignalDbm = -60 }), MqttQualityOfServiceLevel.AtLeastOnce);
        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.LastTelemetry?.SignalDbm == -60, "the next one arrives");
    }
}

/// <summary>The tap alone: disposing it releases a blocked reader and refuses later writes, without throwing.</summary>
public sealed class DeviceMessageTap_Shutdown_Tests
{
    [Fact]
    public async Task Dispose_releases_a_blocked_reader_and_later_writes_are_dropped_not_thrown()
    {
        var tap = new DeviceMessageTap(TimeProvider.System);
        var reader = Task.Run(() => tap.Take(CancellationToken.None));
        await Task.Delay(50); // let it block

        Assert.False(tap.IsCompleted);
        tap.Dispose();

        Assert.True(tap.IsCompleted);
        Assert.Null(await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(tap.TryWrite("inforadio/v1/devices/d/state", new System.Buffers.ReadOnlySequence<byte>([1])));
        Assert.Equal(1, tap.Dropped);
    }
}
