using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>
/// When the broker reports messages to the controller dropped, the bus reads every retained device state again once
/// the drops have stopped for a while, and the registry mends what the lost messages left stale.
/// </summary>
public sealed class ControllerBus_State_Resync_Tests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ControllerLinkGaps _gaps = new();
    private readonly CapturingLogger<ControllerBus> _log = new();
    private TestBroker _broker = null!;
    private ControllerBus _bus = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _bus = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(), _time, _log,
            gaps: _gaps);
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task After_reported_drops_a_device_whose_online_state_was_lost_is_online_again()
    {
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        await device.PublishAsync(TopicTree.DeviceState("dev1"), MessageCodec.Encode(new ReportedState { Online = true, Volume = 40 }), retain: true);
        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.Online, "dev1 online");
        var received = _bus.Counters.Received(TopicKind.DeviceState);

        // As if the broker had dropped the "online" of this device: the registry holds it offline while it is not.
        _broker.Registry.MarkOffline("dev1");
        _gaps.Report();
        _gaps.Report();

        // Not while drops may still be coming...
        _time.Advance(ControllerBus.StateResyncQuiet - TimeSpan.FromMilliseconds(1));
        _gaps.Report();
        _time.Advance(ControllerBus.StateResyncQuiet - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _bus.Counters.StateResyncs);
        Assert.False(_broker.Registry.Find("dev1")!.Online);

        // ...but once they stopped: one resync, and the retained state comes again.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Poll.UntilAsync(() => _broker.Registry.Find("dev1")!.Online, "dev1 online again from its retained state");
        Assert.Equal(received + 1, _bus.Counters.Received(TopicKind.DeviceState));
        Assert.Equal(1, _bus.Counters.StateResyncs);
        Assert.Contains(_log.Entries, e => e.Message.Contains("dropped messages meant for the controller (3 so far)", StringComparison.Ordinal));
    }
}
