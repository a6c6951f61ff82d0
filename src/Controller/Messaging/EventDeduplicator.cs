using InfoRadio.Controller.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace InfoRadio.Controller.Messaging;

/// <summary>
/// Recognises device events delivered again (QoS 1 redelivery, an agent replaying its journal after a restart) by
/// their id, across controller restarts: the ids of the last <see cref="MaxAge"/> (at most <see cref="Capacity"/>)
/// are kept in memory and in LiteDB (collection <c>seen_events</c>), loaded at start. Ids are kept per device, so no
/// device can hide another's events by reusing their ids. Thread-safe.
/// </summary>
/// <remarks>
/// New ids are written in a batch within <see cref="WriteDelay"/>, off the receive path, like the play log they guard
/// (<see cref="Reports.PlayLogRecorder"/>): a crash loses the same moment of both, so an event whose play-log change
/// was lost is not refused when it comes again.
/// </remarks>
public sealed partial class EventDeduplicator : IDisposable
{
    public const string CollectionName = "seen_events";
    public const int Capacity = 200_000;
    public static readonly TimeSpan MaxAge = Reports.PlayLogBook.MaxEventAge;
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(500);

    private readonly ILiteCollection<SeenEvent> _collection;
    private readonly TimeProvider _time;
    private readonly ILogger<EventDeduplicator> _logger;
    private readonly CoalescedWrites _writes;
    private readonly Lock _gate = new();
    private readonly RecentEventIds _recent = new(Capacity, MaxAge);
    private readonly object _batchKey = new();
    private List<SeenEvent> _unwritten = [];
    private DateTimeOffset _lastPurge;

    public EventDeduplicator(ControllerDatabase database, TimeProvider time, ILogger<EventDeduplicator> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _writes = new CoalescedWrites(WriteDelay, time, logger);
        _collection = database.Database.GetCollection<SeenEvent>(CollectionName);
        _collection.EnsureIndex(e => e.AtMs);
        var cutoff = (time.GetUtcNow() - MaxAge).ToUnixTimeMilliseconds();
        var expired = _collection.DeleteMany(e => e.AtMs < cutoff);
        var kept = _collection.Find(Query.All(nameof(SeenEvent.AtMs), Query.Descending), limit: Capacity).ToList();
        foreach (var seen in kept.OrderBy(e => e.AtMs)) _recent.Add(seen.Id, DateTimeOffset.FromUnixTimeMilliseconds(seen.AtMs));
        _lastPurge = time.GetUtcNow();
        LogLoaded(kept.Count, expired);
    }

    /// <summary>
    /// True the first time event <paramref name="eventId"/> of <paramref name="deviceId"/> is offered (remembering it),
    /// false for a redelivery.
    /// </summary>
    public bool TryClaim(string deviceId, string eventId)
    {
        var key = deviceId + "/" + eventId;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_recent.Contains(key, now) || !_recent.Add(key, now)) return false;
            _unwritten.Add(new SeenEvent { Id = key, AtMs = now.ToUnixTimeMilliseconds() });
        }
        _writes.Schedule(_batchKey, WriteBatch);
        return true;
    }

    /// <summary>Ids remembered now.</summary>
    public int Count
    {
        get { lock (_gate) return _recent.Count; }
    }

    /// <summary>Writes what is pending now (also done on dispose).</summary>
    public void Flush() => _writes.Flush();

    public void Dispose()
    {
        _writes.Dispose();
        WriteBatch();
    }

    private void WriteBatch()
    {
        List<SeenEvent> batch;
        lock (_gate)
        {
            if (_unwritten.Count == 0) return;
            batch = _unwritten;
            _unwritten = [];
        }
        try
        {
            _collection.Upsert(batch);
            // Expired ids are deleted now and then, on the write path: the collection stays about two days' worth.
            var now = _time.GetUtcNow();
            if (now - _lastPurge >= TimeSpan.FromHours(1))
            {
                _lastPurge = now;
                var cutoff = (now - MaxAge).ToUnixTimeMilliseconds();
                _collection.DeleteMany(e => e.AtMs < cutoff);
            }
        }
        catch (LiteException ex)
        {
            // In memory they are still known; only a restart would forget them.
            LogWriteFailed(batch.Count, ex.Message);
        }
    }
}
