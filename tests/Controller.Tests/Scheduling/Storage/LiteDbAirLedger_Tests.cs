using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Options;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Storage;

public sealed class LiteDbAirLedger_Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ControllerDatabase Open() => new(Options.Create(new StorageOptions { DataDir = _dir.Path }));

    private static AirRecord Aired(string schedule, DateTimeOffset start, string program = "p1") =>
        new(new SlotKey(schedule, start), program, AirOutcome.OnTime, start);

    [Fact]
    public void A_slot_gets_one_record_ever_across_reopening()
    {
        var start = Vn(2025, 3, 1, 7, 0, 0).AddTicks(1234567);
        using (var db = Open())
        {
            var ledger = new LiteDbAirLedger(db);
            Assert.True(ledger.TryAdd(Aired("s1", start)));
            Assert.False(ledger.TryAdd(Aired("s1", start) with { Outcome = AirOutcome.Missed }));
            Assert.True(ledger.TryAdd(Aired("s1", start.AddTicks(1))));
            Assert.True(ledger.TryAdd(Aired("s2", start)));
        }
        using (var db = Open())
        {
            var ledger = new LiteDbAirLedger(db);
            Assert.False(ledger.TryAdd(Aired("s1", start)));
            var found = ledger.Find(new SlotKey("s1", start));
            Assert.Equal(Aired("s1", start), found);
            Assert.Equal(start.UtcTicks, found!.Key.Start.UtcTicks);
            Assert.Null(ledger.Find(new SlotKey("s3", start)));
        }
    }

    [Fact]
    public void Keeps_the_reason_of_a_missed_slot_and_the_checkpoint()
    {
        var start = Vn(2025, 3, 1, 7);
        var missed = new AirRecord(new SlotKey("s1", start), "p1", AirOutcome.Missed, start.AddMinutes(11), MissReason.NotStartedInTime, "controller down");
        var checkpoint = new PlannerCheckpoint(start.AddTicks(5), start.AddSeconds(-3).AddTicks(7));
        using (var db = Open())
        {
            var ledger = new LiteDbAirLedger(db);
            Assert.Null(ledger.Checkpoint);
            ledger.TryAdd(missed);
            ledger.SaveCheckpoint(checkpoint with { Watermark = start });
            ledger.SaveCheckpoint(checkpoint);
        }
        using (var db = Open())
        {
            var ledger = new LiteDbAirLedger(db);
            Assert.Equal(missed, ledger.Find(missed.Key));
            Assert.Equal(checkpoint, ledger.Checkpoint);
        }
    }

    [Fact]
    public void History_is_queryable_by_schedule_by_day_and_by_range()
    {
        using var db = Open();
        var ledger = new LiteDbAirLedger(db);
        // 23:30 on 1 March in Vietnam is 16:30 UTC the same day; 00:30 on 2 March is 17:30 UTC on 1 March.
        ledger.TryAdd(Aired("s1", Vn(2025, 3, 1, 23, 30)));
        ledger.TryAdd(Aired("s1", Vn(2025, 3, 2, 0, 30)));
        ledger.TryAdd(Aired("s2", Vn(2025, 3, 2, 7)));
        ledger.TryAdd(Aired("s1", Vn(2025, 3, 3, 7)));

        Assert.Equal([Vn(2025, 3, 3, 7), Vn(2025, 3, 2, 0, 30), Vn(2025, 3, 1, 23, 30)], ledger.ForSchedule("s1").Select(r => r.Key.Start));
        Assert.Single(ledger.ForSchedule("s1", limit: 1));
        Assert.Equal([("s1", Vn(2025, 3, 2, 0, 30)), ("s2", Vn(2025, 3, 2, 7))], ledger.ForDay(new DateOnly(2025, 3, 2)).Select(r => (r.Key.ScheduleId, r.Key.Start)));
        Assert.Equal([Vn(2025, 3, 1, 23, 30)], ledger.ForDay(new DateOnly(2025, 3, 1)).Select(r => r.Key.Start));
        Assert.Equal(2, ledger.Between(Vn(2025, 3, 1, 23, 30), Vn(2025, 3, 2, 7)).Count);
    }

    [Fact]
    public void The_preemption_log_is_kept_per_device_across_reopening()
    {
        var at = Vn(2025, 3, 1, 7, 5);
        var entry = new PreemptionLogEntry("d1", at, "s1@x", "e1@y", VerdictReason.Outranked, PreemptionPolicy.Resume, SlotRole.Preempted,
            TimeSpan.FromSeconds(3.5), true);
        using (var db = Open())
        {
            var log = new LiteDbPreemptionLog(db);
            log.Add([entry, entry with { DeviceId = "d2" }]);
            log.Add([entry with { At = at.AddMinutes(1), Role = SlotRole.Skipped, Policy = PreemptionPolicy.Skip }]);
            log.Add([]);
        }
        using (var db = Open())
        {
            var log = new LiteDbPreemptionLog(db);
            var d1 = log.ForDevice("d1");
            Assert.Equal(2, d1.Count);
            Assert.Equal(entry, d1[1]);
            Assert.Equal(SlotRole.Skipped, d1[0].Role);
            Assert.Single(log.ForDevice("d2"));
            Assert.Empty(log.ForDevice("d3"));
        }
    }
}
