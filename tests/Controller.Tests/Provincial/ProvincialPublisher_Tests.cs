using System.Text.Json;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Provincial;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Provincial;

/// <summary>What is put in the outbox on a clock and on device changes, and the built-in daily report's figures.</summary>
public sealed class ProvincialPublisher_Tests : IDisposable
{
    // 2026-11-30 23:50 in Vietnam.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 16, 50, 0, TimeSpan.Zero));
    private readonly TestDatabase _db = new();
    private readonly DeviceRegistry _registry;
    private readonly ProvincialOptions _options = new() { SourceId = "08980" };
    private readonly ProvincialOutbox _outbox;

    public ProvincialPublisher_Tests()
    {
        _registry = new DeviceRegistry(_db.Database, _time, NullLogger<DeviceRegistry>.Instance);
        _outbox = new ProvincialOutbox(_db.Database, Microsoft.Extensions.Options.Options.Create(_options), _time);
    }

    public void Dispose() => _db.Dispose();

    private ProvincialPublisher Publisher() => new(_outbox, new RegistryDailyReportSource(_registry, new BroadcastStore(_db.Database)), _registry,
        new InMemoryTargetDirectory([new DevicePlacement("dong", "0898001", [])], [], []), Microsoft.Extensions.Options.Options.Create(_options), _time,
        NullLogger<ProvincialPublisher>.Instance);

    private static JsonElement Payload(OutboxMessage message) => JsonDocument.Parse(message.Body).RootElement.GetProperty("payload");

    [Fact]
    public async Task The_days_report_is_made_once_after_the_send_time_following_local_midnight()
    {
        var publisher = Publisher();
        _options.DeviceStatus.IntervalMinutes = 0;
        await publisher.TickAsync(default);
        // 23:50 local: the day before (29th) is due already; the 30th is not over.
        Assert.NotNull(_outbox.Find("daily-report:08980:2026-11-29"));
        Assert.Null(_outbox.Find("daily-report:08980:2026-11-30"));
        _time.Advance(TimeSpan.FromMinutes(20)); // 00:10 local on 1 Dec: before the 15 minutes after midnight
        await publisher.TickAsync(default);
        Assert.Null(_outbox.Find("daily-report:08980:2026-11-30"));
        _time.Advance(TimeSpan.FromMinutes(6));
        await publisher.TickAsync(default);
        await publisher.TickAsync(default);
        Assert.NotNull(_outbox.Find("daily-report:08980:2026-11-30"));
        Assert.Equal(2, _outbox.List(OutboxState.Pending, 10).Count(m => m.Kind == OutboxKinds.DailyReport));
    }

    [Fact]
    public async Task The_built_in_daily_report_counts_devices_and_that_days_broadcasts_only()
    {
        _registry.Register("dong", "Loa Đông");
        _registry.Register("tay", null);
        _registry.ApplyReportedState("dong", new ReportedState { Online = true });
        var store = new BroadcastStore(_db.Database);
        // Local day 2026-11-30 runs from 29 Nov 17:00 to 30 Nov 17:00 UTC.
        store.Insert(Record("in1", new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero), BroadcastState.Finished, 60, ("dong", DeliveryStatus.Finished), ("tay", DeliveryStatus.Failed)));
        store.Insert(Record("in2", new DateTimeOffset(2026, 11, 30, 16, 59, 0, TimeSpan.Zero), BroadcastState.Failed, 0, ("tay", DeliveryStatus.Failed)));
        store.Insert(Record("before", new DateTimeOffset(2026, 11, 29, 16, 59, 59, TimeSpan.Zero), BroadcastState.Finished, 30, ("dong", DeliveryStatus.Finished)));
        store.Insert(Record("after", new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), BroadcastState.Finished, 30, ("dong", DeliveryStatus.Finished)));

        var report = await new RegistryDailyReportSource(_registry, new BroadcastStore(_db.Database)).BuildAsync(new DateOnly(2026, 11, 30), default);
        Assert.Equal(new DailyDeviceCounts(2, 1, 1, 0), report.Devices);
        Assert.Equal(new DailyBroadcastCounts(2, 1, 1, 60, 0), report.Broadcasts);
        Assert.Equal(["in1", "in2"], report.BroadcastList.Select(b => b.Id).ToArray());
        Assert.Equal((2, 1), (report.BroadcastList[0].DevicesTargeted, report.BroadcastList[0].DevicesFinished));
    }

    [Fact]
    public async Task Device_status_changes_go_out_gathered_in_order_and_as_periodic_snapshots()
    {
        _options.DailyReport.Enabled = false;
        _options.DeviceStatus.IntervalMinutes = 15;
        _options.DeviceStatus.ChangeBatchSeconds = 10;
        _registry.Register("dong", "Loa Đông");
        _registry.Register("tay", "Loa Tây");
        var publisher = Publisher();
        await publisher.StartAsync(default);
        try
        {
            DeviceStatusEntry[] Changes() => _outbox.List(OutboxState.Pending, 50)
                .Where(m => m.Kind == OutboxKinds.DeviceStatus && Payload(m).GetProperty("reason").GetString() == "changes")
                .SelectMany(m => Payload(m).GetProperty("devices").EnumerateArray()
                    .Select(e => new DeviceStatusEntry(e.GetProperty("deviceId").GetString()!, null,
                        e.TryGetProperty("villageCode", out var v) ? v.GetString() : null, e.GetProperty("online").GetBoolean(), null,
                        e.TryGetProperty("firmware", out var f) ? f.GetString() : null, null, false, e.GetProperty("changedAt").GetDateTimeOffset())))
                .ToArray();

            _registry.ApplyReportedState("dong", new ReportedState { Online = true, Firmware = "1.2.3" });
            _registry.ApplyReportedState("dong", new ReportedState { Online = true, Volume = 70 }); // not a change of presence
            _time.Advance(TimeSpan.FromSeconds(1));
            _registry.ApplyReportedState("tay", new ReportedState { Online = true });
            _registry.MarkOffline("dong");
            Assert.Empty(Changes()); // gathered first

            _time.Advance(TimeSpan.FromSeconds(9));
            var changes = Changes();
            Assert.Single(_outbox.List(OutboxState.Pending, 50), m => Payload(m).GetProperty("reason").GetString() == "changes");
            Assert.Equal([("dong", true), ("tay", true), ("dong", false)], changes.Select(c => (c.DeviceId, c.Online)).ToArray());
            Assert.Equal(("0898001", "1.2.3"), (changes[0].VillageCode, changes[0].Firmware));
            Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(10), changes[0].ChangedAt);
            Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(9), changes[2].ChangedAt);

            // Nothing changed since: no empty push.
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(3, Changes().Length);

            int Snapshots() => _outbox.List(null, 100).Count(m => m.Id.StartsWith("device-status:08980:2026", StringComparison.Ordinal));
            await publisher.TickAsync(default);
            Assert.Equal(1, Snapshots());
            _time.Advance(TimeSpan.FromMinutes(14));
            await publisher.TickAsync(default);
            Assert.Equal(1, Snapshots());
            _time.Advance(TimeSpan.FromMinutes(1));
            await publisher.TickAsync(default);
            Assert.Equal(2, Snapshots());
        }
        finally
        {
            await publisher.StopAsync(default);
        }
    }

    [Fact]
    public async Task A_storm_of_changes_is_split_into_pushes_of_at_most_MaxDevicesPerPush_and_flushed_on_stop()
    {
        _options.DailyReport.Enabled = false;
        _options.DeviceStatus.IntervalMinutes = 0;
        _options.DeviceStatus.MaxDevicesPerPush = 2;
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) _registry.Register(id, null);
        var publisher = Publisher();
        await publisher.StartAsync(default);
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) _registry.ApplyReportedState(id, new ReportedState { Online = true });
        await publisher.StopAsync(default);

        var pushes = _outbox.List(OutboxState.Pending, 50).Where(m => m.Kind == OutboxKinds.DeviceStatus).ToArray();
        Assert.Equal([1, 2, 2], pushes.Select(m => Payload(m).GetProperty("devices").GetArrayLength()).Order().ToArray());
    }

    private static BroadcastRecord Record(string id, DateTimeOffset created, BroadcastState state, int seconds, params (string Id, DeliveryStatus Status)[] devices) => new()
    {
        Id = id, Title = id, CreatedAt = created, State = state, StartedAt = created, EndedAt = created.AddSeconds(seconds), DurationMs = seconds * 1000L,
        Devices = devices.Select(d => new DeviceDelivery { DeviceId = d.Id, Status = d.Status }).ToList(),
    };
}
