using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>Redelivered device events are recognised by id, per device, across controller restarts, for two days.</summary>
public sealed class Event_Deduplication_Tests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private ControllerDatabase OpenDatabase() => new(Options.Create(new StorageOptions { DataDir = _dir.Path }));

    private EventDeduplicator Open(ControllerDatabase database) =>
        new(database, _time, NullLogger<EventDeduplicator>.Instance);

    [Fact]
    public void An_id_is_claimed_once_per_device()
    {
        using var database = OpenDatabase();
        using var seen = Open(database);
        Assert.True(seen.TryClaim("spk-1", "e1"));
        Assert.False(seen.TryClaim("spk-1", "e1"));
        // Another device reusing the id cannot hide this one's event, nor be hidden by it.
        Assert.True(seen.TryClaim("spk-2", "e1"));
    }

    [Fact]
    public void Ids_seen_before_a_restart_are_still_recognised_after_it()
    {
        using (var database = OpenDatabase())
        using (var seen = Open(database))
        {
            Assert.True(seen.TryClaim("spk-1", "e1"));
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.True(seen.TryClaim("spk-1", "e2"));
        }
        using var reopened = OpenDatabase();
        using var again = Open(reopened);
        Assert.Equal(2, again.Count);
        Assert.False(again.TryClaim("spk-1", "e1"));
        Assert.False(again.TryClaim("spk-1", "e2"));
        Assert.True(again.TryClaim("spk-1", "e3"));
    }

    [Fact]
    public void Ids_are_written_within_the_write_delay_without_a_dispose()
    {
        using var database = OpenDatabase();
        using var seen = Open(database);
        seen.TryClaim("spk-1", "e1");
        var collection = database.Database.GetCollection<SeenEvent>(EventDeduplicator.CollectionName);
        Assert.Equal(0, collection.Count());
        _time.Advance(EventDeduplicator.WriteDelay);
        Assert.Equal(1, collection.Count(e => e.Id == "spk-1/e1"));
    }

    [Fact]
    public void Ids_older_than_the_maximum_age_are_forgotten_and_deleted_at_start()
    {
        using (var database = OpenDatabase())
        using (var seen = Open(database))
        {
            seen.TryClaim("spk-1", "old");
            _time.Advance(EventDeduplicator.MaxAge + TimeSpan.FromSeconds(1));
            Assert.True(seen.TryClaim("spk-1", "old"), "an id older than two days is no longer a duplicate");
        }
        _time.Advance(EventDeduplicator.MaxAge + TimeSpan.FromSeconds(1));
        using var reopened = OpenDatabase();
        using var again = Open(reopened);
        Assert.Equal(0, again.Count);
        Assert.Equal(0, reopened.Database.GetCollection<SeenEvent>(EventDeduplicator.CollectionName).Count());
    }

    [Fact]
    public async Task A_redelivered_event_reaches_no_observer_and_is_counted_on_the_bus()
    {
        await using var broker = await TestBroker.StartAsync();
        using var database = OpenDatabase();
        using var seen = new EventDeduplicator(database, TimeProvider.System, NullLogger<EventDeduplicator>.Instance);
        var observer = new RecordingObserver();
        var counters = new BusCounters();
        await using var bus = new ControllerBus(broker.Options, broker.Credentials, broker.Registry, [observer], counters,
            TimeProvider.System, NullLogger<ControllerBus>.Instance, deduplicator: seen);
        await bus.StartAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(Poll.DefaultTimeout)) await bus.WaitConnectedAsync(timeout.Token);
        await using var device = await broker.ConnectDeviceAsync("dev1", broker.Register("dev1"));
        var played = new DeviceEvent
        {
            Id = Guid.NewGuid().ToString("N"), Type = DeviceEventType.PlayStarted,
            AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, Session = "s-1", Position = 0,
        };

        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played));
        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played));
        await device.PublishAsync(TopicTree.DeviceEvents("dev1"), MessageCodec.Encode(played with { Id = Guid.NewGuid().ToString("N") }));
        await Poll.UntilAsync(() => counters.EventsReceived == 3, "the bus received all three");

        Assert.Equal(2, observer.Events.Count);
        Assert.Equal(1, counters.EventsDuplicate);
    }

    public void Dispose() => _dir.Dispose();
}
