using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;
using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Options;
using InfoRadio.Controller.Storage;

namespace InfoRadio.Controller.Emergency;

/// <summary>
/// Airs emergencies through <see cref="BroadcastService"/> (the <c>emergency</c> profile, class emergency, forced
/// volume) and keeps each one's reach report. The first airing goes to the speakers online at the request, one
/// desired-state topic each, so that a single speaker can later be taken off it; a speaker that was offline, or drops
/// before finishing, gets an airing of its own from the start when it comes back while the emergency is still on.
/// Rows follow the broadcasts' own per-speaker deliveries (the speakers' play events); presence comes from the
/// <see cref="DeviceRegistry"/> (its <see cref="DeviceRegistry.Changed"/> event, and a periodic check as a safety net).
/// </summary>
public sealed partial class EmergencyService : IEmergencyBroadcaster, IDeviceEventObserver, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, ActiveEmergency> _active = new(StringComparer.Ordinal);
    /// <summary>Each airing's broadcast (session) id → its emergency, for the speakers' play events.</summary>
    private readonly ConcurrentDictionary<string, ActiveEmergency> _byBroadcast = new(StringComparer.Ordinal);
    private readonly BroadcastService _broadcasts;
    private readonly DeviceRegistry _registry;
    private readonly EmergencyStore _store;
    private readonly EmergencyOptions _options;
    private readonly BroadcastProfile _profile;
    private readonly IMediaAudioSource? _media;
    private readonly TimeProvider _time;
    private readonly ILogger<EmergencyService> _logger;
    private readonly Lazy<DecodedAudio> _builtInChime = new(AlertChime.Generate);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CoalescedWrites _eventWrites;
    private Task? _loop;

    public EmergencyService(BroadcastService broadcasts, DeviceRegistry registry, EmergencyStore store, IOptions<EmergencyOptions> options,
        IOptions<BroadcastOptions> broadcastOptions, TimeProvider time, ILogger<EmergencyService> logger, IMediaAudioSource? media = null)
    {
        _broadcasts = broadcasts;
        _registry = registry;
        _store = store;
        _options = options.Value;
        _profile = broadcastOptions.Value.Profiles.Emergency;
        _media = media;
        _time = time;
        _logger = logger;
        _eventWrites = new CoalescedWrites(BroadcastService.EventWriteDelay, time, logger);
        _registry.Changed += OnDeviceChanged;
    }

    public string Start(EmergencyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200 || request.Title.Any(char.IsControl))
            throw new BroadcastRequestException("the title must be 1 to 200 characters on one line");
        if (request.Repeat < 1 || request.Repeat > _options.MaxRepeat)
            throw new BroadcastRequestException($"repeat must be between 1 and {_options.MaxRepeat} (Emergency:MaxRepeat)");
        if (request.Message is null || request.Message.SampleCount == 0) throw new BroadcastRequestException("the message has no audio");
        var deviceIds = _broadcasts.ResolveTargets(request.Targets);
        var audio = Compose(request.Message, request.Repeat);
        var now = _time.GetUtcNow();
        var record = new EmergencyRecord
        {
            Id = "em" + Guid.NewGuid().ToString("N")[..16],
            Title = request.Title.Trim(),
            RequestedBy = request.RequestedBy,
            CapIdentifier = request.CapIdentifier,
            Origin = request.Origin,
            Targets = (request.TargetNames ?? Describe(request.Targets)).ToList(),
            Repeat = request.Repeat,
            Volume = _options.Volume,
            DurationMs = (long)audio.Duration.TotalMilliseconds,
            RequestedAt = now,
            AiringEndsAt = now + TimeSpan.FromMilliseconds(_profile.StartLeadMs + _profile.LatencyMs) + audio.Duration,
            State = EmergencyState.Active,
        };
        EmergencyReach.Open(record, deviceIds, id => _registry.Find(id) is { Online: true });
        var online = record.Devices.Where(d => d.OnlineAtStart).Select(d => d.DeviceId).ToArray();
        var active = new ActiveEmergency(record, audio);
        lock (active.Gate)
        {
            // On air first: the record can wait a few milliseconds, the speakers cannot.
            if (online.Length > 0)
            {
                // Everyone targeted and online: one retained message on the zone "all" reaches them all through the broker,
                // instead of a topic per speaker (hundreds of publishes on the emergency's critical path).
                var targets = request.Targets.AllDevices && online.Length == deviceIds.Count ? BroadcastTargets.All : BroadcastTargets.Devices(online);
                active.SharedAiring = targets.AllDevices;
                var view = _broadcasts.StartEmergency(record.Title, audio, targets, record.Origin, record.Volume, source: SourceOf(record));
                record.BroadcastId = view.Id;
                _byBroadcast[view.Id] = active;
                foreach (var row in record.Devices.Where(d => d.OnlineAtStart)) row.BroadcastId = view.Id;
            }
            _store.Insert(record);
            _active[record.Id] = active;
        }
        LogStarted(record.Id, record.Title, record.RequestedBy ?? "-", record.CapIdentifier ?? "-", deviceIds.Count, online.Length, record.DurationMs);
        return record.Id;
    }

    public bool Cancel(string emergencyId, string reason)
    {
        if (!_active.TryRemove(emergencyId, out var active)) return false;
        lock (active.Gate)
        {
            var record = active.Record;
            foreach (var broadcastId in record.Devices.Where(d => d.InFlight).Select(d => d.BroadcastId).Append(record.BroadcastId).OfType<string>().Distinct())
                _broadcasts.Cancel(broadcastId, "the emergency was cancelled: " + reason);
            EmergencyReach.Close(record, EmergencyState.Cancelled, "cancelled: " + reason, _time.GetUtcNow());
            _store.Update(record);
            Forget(active);
        }
        LogCancelled(emergencyId, reason);
        return true;
    }

    /// <summary>A speaker's play event: its reach counts as soon as it is read, whatever the broadcast's wait.</summary>
    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent)
    {
        if (deviceEvent.Session is not { } session || !_byBroadcast.TryGetValue(session, out var active)) return;
        lock (active.Gate)
        {
            var row = active.Record.Devices.Find(d => d.DeviceId == deviceId);
            // Hundreds of speakers report within a second: their rows change now, the record is written once for them.
            if (row is not null && EmergencyReach.ApplyEvent(active.Record, row, session, deviceEvent.Type, _time.GetUtcNow()))
                _eventWrites.Schedule(active, () => { lock (active.Gate) _store.Update(active.Record); });
        }
    }

    public EmergencyView? Find(string id)
    {
        if (_active.TryGetValue(id, out var active))
            lock (active.Gate) return EmergencyView.Of(active.Record);
        return _store.Find(id) is { } record ? EmergencyView.Of(record) : null;
    }

    public IReadOnlyList<EmergencyView> Recent(int limit) =>
        _store.Recent(limit).Select(r => Find(r.Id) ?? EmergencyView.Of(r)).ToArray();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var ended = _store.EndUnfinished("the controller stopped during the emergency", _time.GetUtcNow());
        if (ended > 0) LogEndedStale(ended);
        // Made now, not on the first request: an emergency must not wait for it.
        _ = _builtInChime.Value;
        _loop = Task.Run(() => RefreshLoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop) await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _eventWrites.Flush();
    }

    public void Dispose()
    {
        _registry.Changed -= OnDeviceChanged;
        _eventWrites.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Brings every active report up to date, retries speakers that are back, ends what is over.</summary>
    internal void RefreshAll()
    {
        foreach (var active in _active.Values) Refresh(active);
    }

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.RefreshMs), _time, ct);
                RefreshAll();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(ex);
            }
        }
    }

    private void Refresh(ActiveEmergency active)
    {
        lock (active.Gate)
        {
            var record = active.Record;
            if (record.State != EmergencyState.Active) return;
            var changed = false;
            foreach (var group in record.Devices.Where(d => d.InFlight && d.BroadcastId is not null).GroupBy(d => d.BroadcastId!))
            {
                if (_broadcasts.Find(group.Key) is not { } broadcast) continue;
                var deliveries = broadcast.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
                foreach (var row in group)
                    if (deliveries.TryGetValue(row.DeviceId, out var delivery))
                        changed |= EmergencyReach.ApplyDelivery(record, row, group.Key, delivery);
            }
            foreach (var row in record.Devices)
                changed |= Reconcile(active, row, _registry.Find(row.DeviceId) is { Online: true });

            if (EmergencyReach.IsOver(record, _time.GetUtcNow(), _options))
            {
                EmergencyReach.Close(record, EmergencyState.Ended, null, _time.GetUtcNow());
                _active.TryRemove(record.Id, out _);
                Forget(active);
                changed = true;
                var counts = EmergencyCounts.Of(record.Devices);
                LogEnded(record.Id, counts.Reached, counts.Finished, counts.Targeted, counts.Retried);
            }
            if (changed) _store.Update(record);
        }
    }

    private void OnDeviceChanged(DeviceView device)
    {
        foreach (var active in _active.Values)
        {
            lock (active.Gate)
            {
                if (active.Record.State != EmergencyState.Active) continue;
                var row = active.Record.Devices.Find(d => d.DeviceId == device.Id);
                if (row is not null && Reconcile(active, row, device.Online)) _store.Update(active.Record);
            }
        }
    }

    /// <summary>Presence against one row (under the gate): abandon an attempt to a speaker gone, retry one that is back.</summary>
    private bool Reconcile(ActiveEmergency active, EmergencyDevice row, bool online)
    {
        var record = active.Record;
        if (!online)
        {
            var before = row.Status;
            if (EmergencyReach.MarkOffline(row) is not { } broadcastId) return row.Status != before;
            LogDropped(record.Id, row.DeviceId);
            if (!(active.SharedAiring && broadcastId == record.BroadcastId)) _ = WithdrawAsync(broadcastId, row.DeviceId);
            return true;
        }
        if (!EmergencyReach.ShouldRetry(record, row, _time.GetUtcNow(), _options)) return false;
        // Back while the shared first airing still runs: it plays that where it is; its own airing comes after.
        if (active.SharedAiring && row.BroadcastId == record.BroadcastId
            && record.BroadcastId is { } first && _broadcasts.Find(first) is { State: BroadcastState.Pending or BroadcastState.Playing }) return false;
        try
        {
            // Not at once: a speaker that has just connected is still subscribing and synchronising its clock.
            var epochUs = _time.GetUtcNow().AddMilliseconds(_options.RetryDelayMs).ToUnixTimeMilliseconds() * 1000;
            var view = _broadcasts.StartEmergency(record.Title, active.Audio, BroadcastTargets.Devices([row.DeviceId]), record.Origin, record.Volume, epochUs, SourceOf(record));
            EmergencyReach.BeginRetry(row, view.Id);
            _byBroadcast[view.Id] = active;
            LogRetried(record.Id, row.DeviceId, row.Retries, view.Id);
            return true;
        }
        catch (BroadcastRequestException ex)
        {
            // The speaker was deleted meanwhile: nothing to retry.
            row.Status = EmergencyDeviceStatus.Failed;
            row.Reason = ex.Message;
            return true;
        }
    }

    private void Forget(ActiveEmergency active)
    {
        foreach (var (id, owner) in _byBroadcast)
            if (ReferenceEquals(owner, active)) _byBroadcast.TryRemove(id, out _);
    }

    private async Task WithdrawAsync(string broadcastId, string deviceId)
    {
        try
        {
            await _broadcasts.WithdrawAsync(broadcastId, [deviceId], "the speaker went offline during the emergency", CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogWithdrawFailed(ex, broadcastId, deviceId);
        }
    }

    private sealed class ActiveEmergency(EmergencyRecord record, ProgramAudio audio)
    {
        public EmergencyRecord Record { get; } = record;
        /// <summary>The whole airing; reopened from the start for every retry.</summary>
        public ProgramAudio Audio { get; } = audio;
        public Lock Gate { get; } = new();
        /// <summary>
        /// The first airing went out on the zone "all": it cannot be taken off one speaker, so a speaker that drops
        /// rejoins it where it is when it comes back, and is retried from the start only once it has ended.
        /// </summary>
        public bool SharedAiring { get; set; }
    }
}
