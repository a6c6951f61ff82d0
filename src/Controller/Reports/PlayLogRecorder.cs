using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Keeps the verified play log: every speaker's play events (on the MQTT receive path, in memory only) go through a
/// <see cref="PlayLogBook"/>; changed plays are written in one batch within <see cref="WriteDelay"/>, off the receive
/// path (<see cref="CoalescedWrites"/>), where what played (title, program, emergency, CAP alert) is also looked up in
/// the broadcast's record. A speaker going offline drops its open play. Plays a previous run left open are dropped at
/// start, at the last event seen of them.
/// </summary>
public sealed partial class PlayLogRecorder : IDeviceEventObserver, IHostedService, IDisposable
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(500);

    private readonly PlayLogStore _store;
    private readonly BroadcastStore _broadcasts;
    private readonly TimeProvider _time;
    private readonly ILogger<PlayLogRecorder> _logger;
    private readonly CoalescedWrites _writes;
    private readonly Lock _gate = new();
    private readonly PlayLogBook _book = new();
    private readonly Dictionary<string, PlayLogEntry> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _online = new(StringComparer.Ordinal);
    private readonly object _batchKey = new();
    private long _recorded;

    private readonly Offline.PlanItemBook? _planItems;

    /// <param name="planItems">Published play-plan items, so a speaker's plays from its cache are attributed (none: unknown).</param>
    public PlayLogRecorder(PlayLogStore store, BroadcastStore broadcasts, DeviceRegistry registry, TimeProvider time, ILogger<PlayLogRecorder> logger,
        Offline.PlanItemBook? planItems = null)
    {
        _planItems = planItems;
        ArgumentNullException.ThrowIfNull(registry);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _broadcasts = broadcasts ?? throw new ArgumentNullException(nameof(broadcasts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _writes = new CoalescedWrites(WriteDelay, time, logger);
        // Before anything new is written: this run cannot see how the plays a previous one left open ended.
        var stale = store.OpenPlays();
        foreach (var entry in stale)
        {
            entry.Ending = PlayEnding.Dropped;
            entry.EndedAt = entry.LastEventAt < entry.StartedAt ? entry.StartedAt : entry.LastEventAt;
            entry.EndReason = "the controller restarted before the speaker reported an end";
        }
        store.Upsert(stale);
        if (stale.Count > 0) LogDroppedStale(stale.Count);
        // Subscribed here, not at start: the host builds every hosted service before starting the first (the MQTT link).
        registry.Changed += OnDeviceChanged;
    }

    /// <summary>Play-log changes written so far.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent)
    {
        lock (_gate) MarkDirty(_book.Apply(deviceId, deviceEvent, _time.GetUtcNow()));
    }

    /// <summary>Writes every pending change now (tests, shutdown).</summary>
    public void Flush() => _writes.Flush();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate) MarkDirty(_book.CloseAll(_time.GetUtcNow(), "the controller stopped before the speaker reported an end"));
        _writes.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _writes.Dispose();

    private void OnDeviceChanged(DeviceView view)
    {
        lock (_gate)
        {
            var was = _online.TryGetValue(view.Id, out var online) && online;
            _online[view.Id] = view.Online;
            if (was && !view.Online) MarkDirty(_book.DeviceOffline(view.Id, _time.GetUtcNow()));
        }
    }

    private void MarkDirty(IReadOnlyList<PlayLogEntry> changed)
    {
        if (changed.Count == 0) return;
        foreach (var entry in changed) _dirty[entry.Id] = entry;
        _writes.Schedule(_batchKey, WriteBatch);
    }

    /// <summary>Off the receive path: snapshots the changed plays, names what played, stores them in one transaction.</summary>
    private void WriteBatch()
    {
        PlayLogEntry[] live, copies;
        lock (_gate)
        {
            live = _dirty.Values.ToArray();
            _dirty.Clear();
            copies = live.Select(e => e.Copy()).ToArray();
        }
        var records = new Dictionary<string, BroadcastRecord?>(StringComparer.Ordinal);
        foreach (var copy in copies.Where(c => !c.SourceResolved))
        {
            if (!records.TryGetValue(copy.Session, out var record)) records[copy.Session] = record = _broadcasts.Find(copy.Session);
            // A session that is no broadcast may be a plan item the speaker played from its cache.
            if (record is null && _planItems?.Find(copy.Session) is { } item) PlaySources.Describe(copy, item);
            else PlaySources.Describe(copy, record);
        }
        try
        {
            _store.Upsert(copies);
            Interlocked.Add(ref _recorded, copies.Length);
        }
        catch
        {
            // Written again with the next change (CoalescedWrites logs it).
            lock (_gate) foreach (var entry in live) _dirty.TryAdd(entry.Id, entry);
            throw;
        }
        lock (_gate)
        {
            for (var i = 0; i < live.Length; i++) PlaySources.CopyDescription(copies[i], live[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Play log: {Count} plays a previous run left open were recorded as dropped")]
    private partial void LogDroppedStale(int count);
}
