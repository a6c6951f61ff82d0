using InfoRadio.Controller.Devices;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Alarms;

/// <summary>
/// Raises and clears alarms from what devices report (through the <see cref="DeviceRegistry"/>'s change event, on
/// the MQTT receive path: evaluation is in memory and only a change touches the database) and from the offline
/// rule, checked on a timer. One active alarm per device and kind; active alarms are reloaded at start so a
/// restart neither forgets nor repeats them.
/// </summary>
public sealed partial class AlarmService : BackgroundService
{
    private readonly DeviceRegistry _registry;
    private readonly AlarmStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmService> _logger;
    private readonly TimeSpan _interval;
    private readonly DateTimeOffset _watchingSince;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Device, string Kind), AlarmRecord> _active = [];
    /// <summary>The last report evaluated per device: state changes re-raise the event with the same report, which needs no second look.</summary>
    private readonly Dictionary<string, Telemetry> _evaluated = new(StringComparer.Ordinal);
    private AlarmRules _rules;

    public AlarmService(DeviceRegistry registry, AlarmStore store, IOptions<AlarmOptions> options, TimeProvider time,
        AlarmCounters counters, ILogger<AlarmService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _interval = TimeSpan.FromSeconds(options.Value.EvaluationIntervalSeconds);
        _watchingSince = time.GetUtcNow();
        _rules = LoadRules(options.Value.Rules);
        foreach (var alarm in store.LoadActive())
        {
            // Two active alarms of one kind cannot come from this service; if a damaged file has them, keep the oldest.
            if (!_active.TryAdd((alarm.DeviceId, alarm.Kind), alarm)) LogDuplicateActive(alarm.Id, alarm.DeviceId, alarm.Kind);
        }
        LogLoaded(_active.Count);
        // Subscribed here, not at start: the host builds every hosted service before starting the first (the MQTT link).
        registry.Changed += OnDeviceChanged;
    }

    public AlarmCounters Counters { get; }

    /// <summary>A copy of the rules in force.</summary>
    public AlarmRules Rules
    {
        get { lock (_gate) return _rules.Clone(); }
    }

    public int ActiveCount
    {
        get { lock (_gate) return _active.Count; }
    }

    /// <summary>Saves new rules and applies them at once to every device's last report and to the offline rule.</summary>
    /// <exception cref="ArgumentException">The rules are invalid; the message lists every problem.</exception>
    public AlarmRules UpdateRules(AlarmRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(rules));
        var copy = rules.Clone();
        lock (_gate)
        {
            _store.SaveRules(copy);
            _rules = copy;
            _evaluated.Clear();
        }
        LogRulesChanged();
        foreach (var device in _registry.List()) Evaluate(device);
        EvaluateOffline();
        return copy.Clone();
    }

    public IReadOnlyList<AlarmRecord> Query(bool? active, string? deviceId, int limit) => _store.Query(active, deviceId, limit);

    public AlarmRecord? Find(long id) => _store.Find(id);

    /// <summary>Marks an alarm as seen by <paramref name="by"/> (it stays active until its condition goes); null when unknown.</summary>
    public AlarmRecord? Acknowledge(long id, string by)
    {
        ArgumentException.ThrowIfNullOrEmpty(by);
        lock (_gate)
        {
            var alarm = _active.Values.FirstOrDefault(a => a.Id == id) ?? _store.Find(id);
            if (alarm is null) return null;
            if (alarm.AcknowledgedAt is null)
            {
                alarm.AcknowledgedAt = _time.GetUtcNow();
                alarm.AcknowledgedBy = by;
                _store.Update(alarm);
                Counters.CountStoreWrite();
            }
            return Copy(alarm);
        }
    }

    /// <summary>Runs the offline rule over every device now (the timer calls it; tests call it after moving the clock).</summary>
    public void EvaluateOffline()
    {
        Counters.CountOfflineCheck();
        var now = _time.GetUtcNow();
        var devices = _registry.List();
        var known = new HashSet<string>(devices.Select(d => d.Id), StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var device in devices)
            {
                var active = _active.ContainsKey((device.Id, AlarmKinds.Offline));
                if (AlarmEvaluator.EvaluateOffline(_rules, device.Online, device.LastSeen, _watchingSince, now, active) is { } decision)
                    Apply(device.Id, decision, now);
            }
            // A device deleted from the registry can never clear its alarms by itself.
            foreach (var (device, kind) in _active.Keys.Where(k => !known.Contains(k.Device)).ToList())
                Apply(device, new AlarmDecision(kind, false, "device removed"), now);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                try
                {
                    EvaluateOffline();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogEvaluationFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _registry.Changed -= OnDeviceChanged;
        base.Dispose();
    }

    private void OnDeviceChanged(DeviceView device)
    {
        try
        {
            Evaluate(device);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogEvaluationFailed(ex);
        }
    }

    private void Evaluate(DeviceView device)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // Back online clears at once; going offline waits for the timer.
            if (device.Online && _active.ContainsKey((device.Id, AlarmKinds.Offline))
                && AlarmEvaluator.EvaluateOffline(_rules, true, device.LastSeen, _watchingSince, now, active: true) is { } back)
                Apply(device.Id, back, now);
            if (device.LastTelemetry is not { } telemetry) return;
            if (_evaluated.TryGetValue(device.Id, out var last) && ReferenceEquals(last, telemetry)) return;
            _evaluated[device.Id] = telemetry;
            Counters.CountTelemetryEvaluated();
            foreach (var decision in AlarmEvaluator.EvaluateTelemetry(_rules, telemetry, kind => _active.ContainsKey((device.Id, kind))))
                Apply(device.Id, decision, now);
        }
    }

    /// <summary>Under the lock: the in-memory state changes first, so a database failure cannot cause a duplicate.</summary>
    private void Apply(string deviceId, AlarmDecision decision, DateTimeOffset now)
    {
        var key = (deviceId, decision.Kind);
        if (decision.Raise)
        {
            if (_active.ContainsKey(key)) return;
            var alarm = new AlarmRecord { DeviceId = deviceId, Kind = decision.Kind, RaisedAt = now, Detail = decision.Detail };
            _active[key] = alarm;
            Store(() => _store.Insert(alarm));
            Counters.CountRaised(decision.Kind);
            LogRaised(deviceId, decision.Kind, decision.Detail, alarm.Id);
        }
        else
        {
            if (!_active.Remove(key, out var alarm)) return;
            alarm.ClearedAt = now;
            alarm.ClearDetail = decision.Detail;
            Store(() => { if (alarm.Id == 0) _store.Insert(alarm); else _store.Update(alarm); });
            Counters.CountCleared(decision.Kind);
            LogCleared(deviceId, decision.Kind, decision.Detail, alarm.Id, now - alarm.RaisedAt);
        }
    }

    private void Store(Action write)
    {
        try
        {
            write();
            Counters.CountStoreWrite();
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or IOException)
        {
            Counters.CountStoreFailure();
            LogStoreFailed(ex);
        }
    }

    private AlarmRules LoadRules(AlarmRules configured)
    {
        try
        {
            if (_store.LoadRules() is { } saved && saved.Validate().Count == 0) return saved.Clone();
        }
        catch (System.Text.Json.JsonException ex)
        {
            LogSavedRulesUnreadable(ex);
        }
        return (configured ?? new AlarmRules()).Clone();
    }

    private static AlarmRecord Copy(AlarmRecord a) => new()
    {
        Id = a.Id, DeviceId = a.DeviceId, Kind = a.Kind, RaisedAt = a.RaisedAt, ClearedAt = a.ClearedAt, Detail = a.Detail,
        ClearDetail = a.ClearDetail, AcknowledgedAt = a.AcknowledgedAt, AcknowledgedBy = a.AcknowledgedBy,
    };
}
