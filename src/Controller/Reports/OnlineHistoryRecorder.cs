using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Storage;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// Keeps each device's online history for uptime: an interval opens when the registry sees the device come online
/// and closes when it goes offline (its own report, its Last Will, or the broker seeing the connection end). Writes go
/// in one batch off the receive path (<see cref="CoalescedWrites"/>). Every <see cref="CheckInterval"/> the open
/// intervals are confirmed, so one a crash left open ends at its last confirmation, never at the restart (the
/// controller cannot vouch for the time it was down); a clean stop ends them at the stop.
/// </summary>
public sealed partial class OnlineHistoryRecorder : IHostedService, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(500);

    private readonly OnlineHistoryStore _store;
    private readonly DeviceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly CoalescedWrites _writes;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OnlineInterval> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnlineInterval> _dirty = new(StringComparer.Ordinal);
    private readonly object _batchKey = new();
    private ITimer? _checker;

    public OnlineHistoryRecorder(OnlineHistoryStore store, DeviceRegistry registry, TimeProvider time, ILogger<OnlineHistoryRecorder> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentNullException.ThrowIfNull(logger);
        _writes = new CoalescedWrites(WriteDelay, time, logger);
        var stale = store.OpenIntervals();
        foreach (var interval in stale)
        {
            interval.To = interval.CheckedAt < interval.From ? interval.From : interval.CheckedAt;
            interval.EndedBy = "controller-crashed";
        }
        store.Upsert(stale);
        if (stale.Count > 0) LogClosedStale(logger, stale.Count);
        registry.Changed += OnDeviceChanged;
        registry.CredentialsRevoked += OnCredentialsRevoked;
        // Devices already online (none after a real start: the registry starts every device offline).
        foreach (var device in registry.List().Where(d => d.Online)) OnDeviceChanged(device);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _checker = _time.CreateTimer(_ => Confirm(), null, CheckInterval, CheckInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _checker?.Dispose();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var interval in _open.Values) End(interval, now, "controller-stopped");
            _open.Clear();
        }
        _writes.Flush();
        return Task.CompletedTask;
    }

    /// <summary>Writes every pending change now (tests, shutdown).</summary>
    public void Flush() => _writes.Flush();

    public void Dispose()
    {
        _checker?.Dispose();
        _writes.Dispose();
    }

    private void OnDeviceChanged(DeviceView view)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var open = _open.TryGetValue(view.Id, out var interval);
            if (view.Online && !open)
            {
                interval = new OnlineInterval { Id = OnlineInterval.IdOf(view.Id, now), DeviceId = view.Id, From = now, CheckedAt = now };
                _open[view.Id] = interval;
                MarkDirty(interval);
            }
            else if (!view.Online && open)
            {
                _open.Remove(view.Id);
                End(interval!, now, "offline");
            }
        }
    }

    private void OnCredentialsRevoked(string deviceId)
    {
        if (_registry.Find(deviceId) is not null) return;
        lock (_gate)
        {
            if (_open.Remove(deviceId, out var interval)) End(interval, _time.GetUtcNow(), "device-removed");
        }
    }

    private void Confirm()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var interval in _open.Values)
            {
                interval.CheckedAt = now;
                MarkDirty(interval);
            }
        }
    }

    private void End(OnlineInterval interval, DateTimeOffset at, string by)
    {
        interval.To = at;
        interval.CheckedAt = at;
        interval.EndedBy = by;
        MarkDirty(interval);
    }

    private void MarkDirty(OnlineInterval interval)
    {
        _dirty[interval.Id] = interval;
        _writes.Schedule(_batchKey, WriteBatch);
    }

    private void WriteBatch()
    {
        OnlineInterval[] live, copies;
        lock (_gate)
        {
            live = _dirty.Values.ToArray();
            _dirty.Clear();
            copies = live.Select(i => i.Copy()).ToArray();
        }
        try
        {
            _store.Upsert(copies);
        }
        catch
        {
            lock (_gate) foreach (var interval in live) _dirty.TryAdd(interval.Id, interval);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Online history: {Count} intervals a previous run left open were ended at their last confirmation")]
    private static partial void LogClosedStale(ILogger logger, int count);
}
