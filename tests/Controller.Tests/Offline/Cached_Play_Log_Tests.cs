using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Reports;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Offline;

/// <summary>Plays a speaker reports from its cache (session = a plan item) are attributed to the item's program and slot.</summary>
public sealed class Cached_Play_Log_Tests : IDisposable
{
    private static readonly DateTimeOffset Slot = new(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(7));
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Slot.AddHours(3));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_play_of_a_plan_item_is_scheduled_from_cache_with_its_program_and_slot_and_counts_its_time()
    {
        var store = new PlayLogStore(_db.Database);
        var items = new PlanItemBook(_db.Database);
        items.Record([new PlanItemDocument
        {
            Id = "p-news-1764547200", ProgramId = "news", Title = "Tin sáng", ScheduleId = "daily", SlotStart = Slot.UtcDateTime,
            Sha256 = new string('a', 64), Samples = 48_000 * 60, PublishedAt = Slot.AddHours(-5).UtcDateTime,
        }]);
        var recorder = Recorder(store, items);

        // Delivered hours later, after the link came back: the events carry the instants they happened.
        Event(recorder, "cache-1", DeviceEventType.PlayStarted, Slot, "p-news-1764547200");
        Event(recorder, "cache-2", DeviceEventType.PlayFinished, Slot.AddMinutes(1), "p-news-1764547200");
        Event(recorder, "other-1", DeviceEventType.PlayStarted, Slot, "not-a-session");
        recorder.Flush();

        var play = store.Find(PlayLogEntry.IdOf("p-news-1764547200", "spk-1"))!;
        Assert.Equal((PlayKinds.Scheduled, "news", "Tin sáng", "daily", true), (play.Kind, play.ProgramId, play.Title, play.ScheduleId, play.FromCache));
        Assert.Equal(Slot, play.SlotStart);
        Assert.Equal(PlayEnding.Finished, play.Ending);
        Assert.Equal(TimeSpan.FromMinutes(1), play.OverlapWith(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, _time.GetUtcNow()));

        var unknown = store.Find(PlayLogEntry.IdOf("not-a-session", "spk-1"))!;
        Assert.Equal((PlayKinds.Unknown, false, null), (unknown.Kind, unknown.FromCache, unknown.ProgramId));
    }

    [Fact]
    public void Items_are_remembered_across_a_restart()
    {
        new PlanItemBook(_db.Database).Record([new PlanItemDocument { Id = "p-x-1", ProgramId = "x", Title = "X", ScheduleId = "s", SlotStart = Slot.UtcDateTime }]);
        _db.Reopen();
        var book = new PlanItemBook(_db.Database);
        Assert.Equal("x", book.Find("p-x-1")?.ProgramId);
        Assert.Equal(1, book.Prune(Slot.AddDays(1)));
        Assert.Null(book.Find("p-x-1"));
    }

    private PlayLogRecorder Recorder(PlayLogStore store, PlanItemBook items)
    {
        var registry = new DeviceRegistry(_db.Database, _time, NullLogger<DeviceRegistry>.Instance, iterations: 1000);
        registry.Register("spk-1", null);
        return new PlayLogRecorder(store, new BroadcastStore(_db.Database), registry, _time, NullLogger<PlayLogRecorder>.Instance, items);
    }

    private static void Event(PlayLogRecorder recorder, string id, DeviceEventType type, DateTimeOffset at, string session) =>
        recorder.OnDeviceEvent("spk-1", new DeviceEvent { Id = id, Type = type, AtUs = at.ToUnixTimeMilliseconds() * 1000, Session = session });
}
