using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.DeviceSettings;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.DeviceSettings;

/// <summary>The settings service over a real broker and a real LiteDB file: versions, storage and the desired topic.</summary>
public sealed class DeviceConfigService_Tests : IAsyncLifetime
{
    private TestBroker _broker = null!;
    private ControllerBus _bus = null!;
    private DeviceConfigStore _store = null!;
    private DesiredStatePublisher _publisher = null!;
    private DeviceConfigService _service = null!;
    private TestClient _device = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        var secret = _broker.Register("dev1");
        _broker.Register("dev2");
        _bus = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(), TimeProvider.System,
            new CapturingLogger<ControllerBus>());
        await _bus.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _bus.WaitConnectedAsync(timeout.Token);
        _store = new DeviceConfigStore(_broker.Database, _broker.Registry, new CapturingLogger<DeviceConfigStore>());
        _publisher = new DesiredStatePublisher(_bus, _broker.Registry, TimeProvider.System, new CapturingLogger<DesiredStatePublisher>(), _store);
        var directory = new TargetDirectory(_broker.Database, _broker.Registry, new CapturingLogger<TargetDirectory>());
        _service = new DeviceConfigService(_store, _publisher, _broker.Registry, directory, Options.Create(new DeviceConfigOptions()),
            new CapturingLogger<DeviceConfigService>());
        _device = await _broker.ConnectDeviceAsync("dev1", secret);
        await _device.SubscribeAsync(TopicTree.DeviceDesired("dev1"));
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _bus.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private async Task<DesiredState> LatestDesiredAsync(Func<DesiredState, bool> match, string what)
    {
        var message = await _device.WaitForAsync(m => m.Topic == TopicTree.DeviceDesired("dev1")
            && MessageCodec.Parse<DesiredState>(m.Payload) is { IsOk: true } p && match(p.Value!), what);
        return MessageCodec.Parse<DesiredState>(message.Payload).Value!;
    }

    private static SessionInfo Session(string id) => new()
    {
        Session = id, Stream = 5, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
        EpochUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, LatencyMs = 1000,
    };

    [Fact]
    public async Task Each_change_is_the_next_version_and_keeps_the_fields_not_sent()
    {
        Assert.Equal(0, _service.Get("dev1")!.Version);
        var first = await _service.UpdateAsync("dev1", new DeviceConfigPatch { Volume = 40 }, default);
        var second = await _service.UpdateAsync("dev1", new DeviceConfigPatch { Relays = new() { PowerOffDelayMs = 5_000 } }, default);
        Assert.Equal((1L, 2L), (first.Version, second.Version));
        Assert.Equal(40, second.Config.Volume);
        Assert.Equal(5_000, second.Config.Relays.PowerOffDelayMs);
        Assert.Equal(new DeviceConfigOptions().AmplifierOnDelayMs, second.Config.Relays.AmplifierOnDelayMs);
        Assert.Equal(0, _service.Get("dev2")!.Version);
        Assert.Null(_service.Get("nobody"));
    }

    [Fact]
    public async Task An_invalid_change_is_refused_and_stores_nothing()
    {
        var error = await Assert.ThrowsAsync<DeviceConfigException>(() => _service.UpdateAsync("dev1", new DeviceConfigPatch { TelemetryIntervalS = 1 }, default));
        Assert.Equal("telemetryIntervalS must be between 5 and 86400", error.Message);
        await Assert.ThrowsAsync<DeviceConfigException>(() => _service.UpdateAsync("dev1", new DeviceConfigPatch { EmergencyVolume = 5, ClearEmergencyVolume = true }, default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _service.UpdateAsync("nobody", new DeviceConfigPatch { Volume = 5 }, default));
        await Assert.ThrowsAsync<DeviceConfigException>(() => _service.UpdateAsync("dev1", new DeviceConfigPatch { Relays = new() }, default));
        Assert.Null(_store.ConfigFor("dev1"));
    }

    [Fact]
    public async Task The_config_goes_out_on_the_device_topic_without_disturbing_its_sessions_and_survives_session_changes()
    {
        await _publisher.AddAsync(Session("news"), [TopicTree.DeviceDesired("dev1")], default);
        await _service.UpdateAsync("dev1", new DeviceConfigPatch { Volume = 33 }, default);
        var withConfig = await LatestDesiredAsync(d => d.Config is not null, "a desired state with the config");
        Assert.Equal(("news", 33, 1L), (Assert.Single(withConfig.Sessions).Session, withConfig.Config!.Volume, withConfig.Config.Version));

        await _publisher.RemoveAsync("news", default);
        var afterSession = await LatestDesiredAsync(d => d.Sessions.Count == 0, "the session removed");
        Assert.Equal(33, afterSession.Config!.Volume);
        Assert.True(afterSession.Rev > withConfig.Rev);
    }

    [Fact]
    public async Task A_zone_change_reaches_every_member_with_its_own_version()
    {
        await _service.UpdateAsync("dev1", new DeviceConfigPatch { Volume = 10 }, default);
        var views = await _service.UpdateZoneAsync("all", new DeviceConfigPatch { LatencyProfile = "low" }, default);
        Assert.Equal([("dev1", 2L), ("dev2", 1L)], views.Select(v => (v.DeviceId, v.Version)).OrderBy(v => v.DeviceId));
        Assert.All(views, v => Assert.Equal("low", v.Config.LatencyProfile));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _service.UpdateZoneAsync("nowhere", new DeviceConfigPatch { Volume = 1 }, default));
    }

    [Fact]
    public async Task The_applied_version_comes_from_the_reported_state_and_everything_is_kept_across_a_restart()
    {
        await _service.UpdateAsync("dev1", new DeviceConfigPatch { Volume = 61 }, default);
        _broker.Registry.ApplyReportedState("dev1", new ReportedState { Online = true, ConfigVersion = 1 });
        Assert.Equal(1, _service.Get("dev1")!.AppliedVersion);

        var reopened = new DeviceConfigStore(_broker.Database, _broker.Registry, new CapturingLogger<DeviceConfigStore>());
        Assert.Equal(61, reopened.ConfigFor("dev1")!.Volume);
        Assert.Equal(1, reopened.AppliedVersion("dev1"));
    }
}
