using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Devices;

public sealed class DeviceRegistryStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly long StartUs = Start.ToUnixTimeMilliseconds() * 1000;

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ControllerDatabase _database;
    private readonly DeviceRegistry _registry;
    private readonly List<DeviceView> _changes = [];

    public DeviceRegistryStateTests()
    {
        _database = new ControllerDatabase(Options.Create(new StorageOptions { DataDir = _dir.Path }));
        _registry = new DeviceRegistry(_database, _time, new CapturingLogger<DeviceRegistry>());
        _registry.Register("dev1", "Cluster 1");
        _registry.Changed += v => { lock (_changes) _changes.Add(v); };
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Reported_state_sets_online_firmware_session_volume_and_last_seen()
    {
        _time.Advance(TimeSpan.FromSeconds(3));
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true, AtUs = StartUs, Firmware = "agent 0.1", Session = "s-42", Volume = 80 });

        var view = _registry.Find("dev1")!;
        Assert.True(view.Online);
        Assert.Equal("agent 0.1", view.Firmware);
        Assert.Equal("s-42", view.Session);
        Assert.Equal(80, view.Volume);
        Assert.Equal(Start.AddSeconds(3), view.LastSeen);
        Assert.Equal(view, Assert.Single(_changes));
    }

    [Fact]
    public void A_partial_report_keeps_known_firmware_and_volume_but_not_the_session()
    {
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true, Firmware = "1.0", Session = "s1", Volume = 50 });
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true });

        var view = _registry.Find("dev1")!;
        Assert.Equal("1.0", view.Firmware);
        Assert.Equal(50, view.Volume);
        Assert.Null(view.Session);
    }

    [Fact]
    public void An_offline_report_or_MarkOffline_clears_online_and_session()
    {
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true, Session = "s1" });
        _registry.ApplyReportedState("dev1", new ReportedState { Online = false, Session = "s1" });
        Assert.False(_registry.Find("dev1")!.Online);
        Assert.Null(_registry.Find("dev1")!.Session);

        _registry.ApplyReportedState("dev1", new ReportedState { Online = true, Session = "s2" });
        _time.Advance(TimeSpan.FromMinutes(1));
        _registry.MarkOffline("dev1");
        var view = _registry.Find("dev1")!;
        Assert.False(view.Online);
        Assert.Null(view.Session);
        Assert.Equal(Start.AddMinutes(1), view.LastSeen);
        Assert.Equal(4, _changes.Count);
    }

    [Fact]
    public void Telemetry_is_kept_and_updates_firmware_and_volume()
    {
        var telemetry = new Telemetry { AtUs = StartUs, Firmware = "2.0", Volume = 65, SignalDbm = -85, Network = "4g", TemperatureC = 41.5 };
        _time.Advance(TimeSpan.FromSeconds(10));
        _registry.ApplyTelemetry("dev1", telemetry);

        var view = _registry.Find("dev1")!;
        Assert.Equal(telemetry, view.LastTelemetry);
        Assert.Equal("2.0", view.Firmware);
        Assert.Equal(65, view.Volume);
        Assert.Equal(Start.AddSeconds(10), view.LastSeen);
        Assert.False(view.Online);
    }

    [Fact]
    public void Telemetry_reaches_the_database_at_most_once_a_minute_per_device()
    {
        var devices = _database.Database.GetCollection(DeviceRegistry.CollectionName);
        _registry.ApplyTelemetry("dev1", new Telemetry { AtUs = StartUs, SignalDbm = -80 });
        Assert.Contains("-80", devices.FindById("dev1")["lastTelemetry"].AsString);

        _time.Advance(TimeSpan.FromSeconds(30));
        _registry.ApplyTelemetry("dev1", new Telemetry { AtUs = StartUs + 30_000_000, SignalDbm = -90 });
        Assert.Contains("-80", devices.FindById("dev1")["lastTelemetry"].AsString);
        Assert.Equal(-90, _registry.Find("dev1")!.LastTelemetry!.SignalDbm);

        _time.Advance(TimeSpan.FromSeconds(31));
        _registry.ApplyTelemetry("dev1", new Telemetry { AtUs = StartUs + 61_000_000, SignalDbm = -95 });
        Assert.Contains("-95", devices.FindById("dev1")["lastTelemetry"].AsString);
    }

    [Fact]
    public void Updates_for_unregistered_devices_are_ignored()
    {
        _registry.ApplyReportedState("ghost", new ReportedState { Online = true });
        _registry.ApplyTelemetry("ghost", new Telemetry { AtUs = StartUs });
        _registry.MarkOffline("ghost");
        Assert.Null(_registry.Find("ghost"));
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_throwing_Changed_handler_does_not_break_the_update()
    {
        _registry.Changed += _ => throw new InvalidOperationException("boom");
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true });
        Assert.True(_registry.Find("dev1")!.Online);
        Assert.Single(_changes);
    }

    [Fact]
    public void Rotating_a_secret_invalidates_the_old_one_even_when_it_was_cached()
    {
        var old = _registry.RotateSecret("dev1").Secret;
        Assert.True(_registry.VerifySecret("dev1", old));
        var revoked = new List<string>();
        _registry.CredentialsRevoked += revoked.Add;

        var fresh = _registry.RotateSecret("dev1").Secret;

        Assert.False(_registry.VerifySecret("dev1", old));
        Assert.True(_registry.VerifySecret("dev1", fresh));
        Assert.Equal(["dev1"], revoked);
        Assert.Equal(DeviceRegistrationError.NotFound,
            Assert.Throws<DeviceRegistrationException>(() => _registry.RotateSecret("ghost")).Error);
    }

    [Fact]
    public void Deleting_a_device_removes_it_and_its_secret()
    {
        var secret = _registry.RotateSecret("dev1").Secret;
        Assert.True(_registry.VerifySecret("dev1", secret));
        var revoked = new List<string>();
        _registry.CredentialsRevoked += revoked.Add;

        Assert.True(_registry.Delete("dev1"));

        Assert.Null(_registry.Find("dev1"));
        Assert.False(_registry.VerifySecret("dev1", secret));
        Assert.Null(_database.Database.GetCollection(DeviceRegistry.CollectionName).FindById("dev1"));
        Assert.False(_registry.Delete("dev1"));
        Assert.Equal(["dev1"], revoked);
    }
}
