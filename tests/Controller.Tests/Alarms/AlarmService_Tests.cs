using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Alarms;

/// <summary>The service on a real registry and a real LiteDB file, with the clock in the test's hands.</summary>
public sealed class AlarmService_Tests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Start);
    private DeviceRegistry _registry;
    private AlarmService _alarms;

    public AlarmService_Tests()
    {
        _registry = new DeviceRegistry(_db.Database, _time, NullLogger<DeviceRegistry>.Instance);
        _registry.Register("loa-01", "Cluster 1");
        _registry.Register("loa-02", "Cluster 2");
        _alarms = NewService();
    }

    public void Dispose()
    {
        _alarms.Dispose();
        _db.Dispose();
    }

    private AlarmService NewService(AlarmOptions? options = null) =>
        new(_registry, new AlarmStore(_db.Database), Options.Create(options ?? new AlarmOptions { Rules = new AlarmRules { Offline = new OfflineRule { AfterMinutes = 10 } } }),
            _time, new AlarmCounters(), NullLogger<AlarmService>.Instance);

    /// <summary>A controller restart: the database closed and opened again, a new registry and a new service.</summary>
    private void Restart()
    {
        _alarms.Dispose();
        _registry = new DeviceRegistry(_db.Reopen(), _time, NullLogger<DeviceRegistry>.Instance);
        _alarms = NewService();
    }

    private Telemetry Report(double? temperature = 40, bool mainsLost = false, string speaker = "ok") => new()
    {
        AtUs = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000,
        TemperatureC = temperature,
        MainsLost = mainsLost,
        SpeakerFault = speaker,
        AmplifierFault = "ok",
    };

    private void Online(string id) => _registry.ApplyReportedState(id, new ReportedState { Online = true, AtUs = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 });

    private IReadOnlyList<AlarmRecord> Active(string? device = null) => _alarms.Query(active: true, device, 100);

    [Fact]
    public void Repeated_hot_reports_raise_one_alarm_and_write_nothing_more_until_it_clears_below_the_hysteresis()
    {
        Online("loa-01");
        _registry.ApplyTelemetry("loa-01", Report(temperature: 72.5));
        var alarm = Assert.Single(Active());
        Assert.Equal(("loa-01", AlarmKinds.OverTemperature, Start), (alarm.DeviceId, alarm.Kind, alarm.RaisedAt));
        Assert.Equal("temperatureC=72.5 (raise at 70, clear below 65)", alarm.Detail);
        var writes = _alarms.Counters.StoreWrites;

        for (var i = 0; i < 50; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            _registry.ApplyTelemetry("loa-01", Report(temperature: 66 + i % 8));
        }
        Assert.Single(Active());
        Assert.Equal(writes, _alarms.Counters.StoreWrites);
        Assert.Equal(51, _alarms.Counters.TelemetryEvaluated);

        _time.Advance(TimeSpan.FromSeconds(30));
        _registry.ApplyTelemetry("loa-01", Report(temperature: 64));
        Assert.Empty(Active());
        var history = Assert.Single(_alarms.Query(active: false, "loa-01", 100));
        Assert.Equal(alarm.Id, history.Id);
        Assert.Equal(_time.GetUtcNow(), history.ClearedAt);
        Assert.StartsWith("temperatureC=64 ", history.ClearDetail, StringComparison.Ordinal);
        Assert.Equal((1, 1), (_alarms.Counters.Raised, _alarms.Counters.Cleared));
    }

    [Fact]
    public void Each_fault_is_its_own_alarm_per_device_and_a_new_raise_after_a_clear_is_a_new_record()
    {
        Online("loa-01");
        Online("loa-02");
        _registry.ApplyTelemetry("loa-01", Report(mainsLost: true, speaker: "open"));
        _registry.ApplyTelemetry("loa-02", Report(speaker: "short"));
        Assert.Equal([AlarmKinds.MainsLost, AlarmKinds.SpeakerFault], Active("loa-01").Select(a => a.Kind).Order());
        Assert.Equal("speakerFault=short", Assert.Single(Active("loa-02")).Detail);

        _registry.ApplyTelemetry("loa-01", Report(mainsLost: false, speaker: "open"));
        _registry.ApplyTelemetry("loa-01", Report(mainsLost: true, speaker: "open"));
        var mains = _alarms.Query(null, "loa-01", 100).Where(a => a.Kind == AlarmKinds.MainsLost).ToList();
        Assert.Equal(2, mains.Count);
        Assert.Single(mains, a => a.Active);
    }

    [Fact]
    public void A_state_change_does_not_re_evaluate_the_same_report()
    {
        Online("loa-01");
        _registry.ApplyTelemetry("loa-01", Report());
        _registry.ApplyReportedState("loa-01", new ReportedState { Online = true, AtUs = Start.ToUnixTimeMilliseconds() * 1000, Volume = 50 });
        _registry.ApplyReportedState("loa-01", new ReportedState { Online = true, AtUs = Start.ToUnixTimeMilliseconds() * 1000, Volume = 60 });
        Assert.Equal(1, _alarms.Counters.TelemetryEvaluated);
    }

    [Fact]
    public void Offline_longer_than_the_delay_raises_once_and_reconnecting_clears_it()
    {
        Online("loa-01");
        _time.Advance(TimeSpan.FromMinutes(1));
        _registry.MarkOffline("loa-01");
        var wentOffline = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromMinutes(9.9));
        _alarms.EvaluateOffline();
        Assert.Empty(Active());

        _time.Advance(TimeSpan.FromMinutes(0.1));
        _alarms.EvaluateOffline();
        _time.Advance(TimeSpan.FromMinutes(5));
        _alarms.EvaluateOffline();
        var alarm = Assert.Single(Active());
        Assert.Equal((AlarmKinds.Offline, wentOffline.AddMinutes(10)), (alarm.Kind, alarm.RaisedAt));
        Assert.Contains("offline since 2026-12-01T08:01:00Z", alarm.Detail, StringComparison.Ordinal);

        // loa-02 was never seen: registered but not installed yet, so no alarm.
        Assert.Empty(Active("loa-02"));

        _time.Advance(TimeSpan.FromMinutes(1));
        Online("loa-01");
        Assert.Empty(Active());
        Assert.Equal("back online", Assert.Single(_alarms.Query(false, "loa-01", 10)).ClearDetail);
    }

    [Fact]
    public void After_a_restart_active_alarms_come_back_are_not_raised_twice_and_offline_is_evaluated_again()
    {
        Online("loa-01");
        Online("loa-02");
        _registry.ApplyTelemetry("loa-01", Report(temperature: 80));
        _registry.MarkOffline("loa-02");
        _time.Advance(TimeSpan.FromMinutes(11));
        _alarms.EvaluateOffline();
        Assert.Equal(2, Active().Count);
        _registry.MarkOffline("loa-01");

        _time.Advance(TimeSpan.FromHours(1)); // the controller was down for an hour
        Restart();
        Assert.Equal(2, _alarms.ActiveCount);

        // The device reconnects and repeats the hot report: still one alarm, nothing written.
        Online("loa-01");
        _registry.ApplyTelemetry("loa-01", Report(temperature: 80));
        Assert.Equal(0, _alarms.Counters.StoreWrites);
        Assert.Equal(2, Active().Count);

        // loa-02 is still away: its alarm stays; loa-01 drops again and gets the full delay from now.
        _time.Advance(TimeSpan.FromMinutes(1));
        _registry.MarkOffline("loa-01");
        _time.Advance(TimeSpan.FromMinutes(9));
        _alarms.EvaluateOffline();
        Assert.Equal([AlarmKinds.OverTemperature], Active("loa-01").Select(a => a.Kind));
        _time.Advance(TimeSpan.FromMinutes(1));
        _alarms.EvaluateOffline();
        Assert.Equal([AlarmKinds.Offline, AlarmKinds.OverTemperature], Active("loa-01").Select(a => a.Kind).Order());
        Assert.Equal(AlarmKinds.Offline, Assert.Single(Active("loa-02")).Kind);

        Online("loa-02");
        _registry.ApplyTelemetry("loa-02", Report());
        Assert.Empty(Active("loa-02"));
    }

    [Fact]
    public void Saved_rules_apply_at_once_and_outlive_a_restart()
    {
        Online("loa-01");
        _registry.ApplyTelemetry("loa-01", Report(temperature: 68, mainsLost: true));
        Assert.Equal([AlarmKinds.MainsLost], Active().Select(a => a.Kind));

        var rules = _alarms.Rules;
        rules.OverTemperature = new TemperatureRule { RaiseAtC = 60, ClearBelowC = 55 };
        rules.MainsLost.Enabled = false;
        _alarms.UpdateRules(rules);
        Assert.Equal([AlarmKinds.OverTemperature], Active().Select(a => a.Kind));
        Assert.Equal("rule disabled", _alarms.Query(false, "loa-01", 10).Single(a => a.Kind == AlarmKinds.MainsLost).ClearDetail);

        Restart();
        Assert.Equal(60, _alarms.Rules.OverTemperature.RaiseAtC);
        Assert.False(_alarms.Rules.MainsLost.Enabled);
        Assert.Throws<ArgumentException>(() => _alarms.UpdateRules(new AlarmRules { OverTemperature = new TemperatureRule { RaiseAtC = 50, ClearBelowC = 60 } }));
        Assert.Equal(60, _alarms.Rules.OverTemperature.RaiseAtC);
    }

    [Fact]
    public void Acknowledging_keeps_the_alarm_active_and_records_who_and_when()
    {
        Online("loa-01");
        _registry.ApplyTelemetry("loa-01", Report(speaker: "open"));
        var alarm = Assert.Single(Active());
        _time.Advance(TimeSpan.FromMinutes(3));
        var acknowledged = _alarms.Acknowledge(alarm.Id, "tech1");
        Assert.NotNull(acknowledged);
        Assert.Equal(("tech1", Start.AddMinutes(3)), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));
        Assert.True(Assert.Single(Active()).AcknowledgedAt is not null);
        Assert.Null(_alarms.Acknowledge(alarm.Id + 1000, "tech1"));

        // The clear keeps the acknowledgement.
        _registry.ApplyTelemetry("loa-01", Report(speaker: "ok"));
        Assert.Equal("tech1", Assert.Single(_alarms.Query(false, "loa-01", 10)).AcknowledgedBy);
    }

    [Fact]
    public void Alarms_of_a_deleted_device_are_cleared()
    {
        Online("loa-02");
        _registry.ApplyTelemetry("loa-02", Report(mainsLost: true));
        Assert.True(_registry.Delete("loa-02"));
        _alarms.EvaluateOffline();
        Assert.Equal("device removed", Assert.Single(_alarms.Query(false, "loa-02", 10)).ClearDetail);
    }
}
