using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Who holds the air of each device, and what waits for it. Each admitted airing is arbitrated per device with
/// <see cref="DeviceArbiter"/> at the instant it must be handed over: the devices it wins get its first session;
/// a holder it displaces is taken off those devices only (others keep playing) when the new session is announced,
/// and follows its preemption policy there; devices it loses keep it waiting (or skip it). When a device's holder
/// ends, the best waiting airing gets a further session on every device freed at that instant with the same
/// winner and position (one stream for them all). Every preemption and skip is logged per device. An airing is
/// claimed (through <paramref name="claim"/>) at its hand-over, right before its session starts, so a crash before
/// then leaves it to be offered again. Driven by one loop: not thread-safe.
/// </summary>
public sealed partial class DeviceAirBook(IAirOutput output, IPreemptionLog log, AirTiming timing, Func<PlannedSlot, bool> claim, ILogger logger)
{
    private readonly List<Airing> _pending = [];
    private readonly Dictionary<string, DeviceAir> _devices = new(StringComparer.Ordinal);
    private readonly List<AirSegment> _segments = [];
    private readonly List<Withdrawal> _withdrawals = [];

    /// <summary>Takes up an airing, unless it is already taken up; it is claimed and arbitrated at its hand-over instant.</summary>
    public bool Admit(Airing airing)
    {
        if (_pending.Any(a => a.Id == airing.Id)) return false;
        _pending.Add(airing);
        return true;
    }

    /// <summary>Whether the slot is taken up and waits for its hand-over.</summary>
    public bool IsPending(SlotKey key) => _pending.Any(a => a.Planned.Slot.Key == key);

    /// <summary>Sessions started and still sounding or due, for tests and status.</summary>
    public IReadOnlyList<AirSegment> Segments => _segments;

    /// <summary>The next instant something is due: a hand-over, a withdrawal, or a session's end.</summary>
    public DateTimeOffset? NextEventAt(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var a in _pending) next = Min(next, timing.DecideAt(a.Start, a.Length));
        foreach (var w in _withdrawals) next = Min(next, w.At);
        foreach (var s in _segments) next = Min(next, s.SoundEnd);
        return next;
    }

    /// <summary>Does everything due at or before <paramref name="now"/>, in time order.</summary>
    public async Task RunDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        while (true)
        {
            var end = _segments.Where(s => s.SoundEnd <= now).MinBy(s => s.SoundEnd);
            var withdrawal = _withdrawals.Where(w => w.At <= now).MinBy(w => w.At);
            var decide = _pending.Where(a => timing.DecideAt(a.Start, a.Length) <= now).MinBy(a => timing.DecideAt(a.Start, a.Length));
            var endAt = end?.SoundEnd ?? DateTimeOffset.MaxValue;
            var withdrawAt = withdrawal?.At ?? DateTimeOffset.MaxValue;
            var decideAt = decide is null ? DateTimeOffset.MaxValue : timing.DecideAt(decide.Start, decide.Length);
            if (end is null && withdrawal is null && decide is null) return;

            if (end is not null && endAt <= withdrawAt && endAt <= decideAt) await EndAsync(end, now, ct);
            else if (withdrawal is not null && withdrawAt <= decideAt) await WithdrawAsync(withdrawal, ct);
            else await DecideAsync(decide!, now, ct);
        }
    }

    /// <summary>What each device has next: the first airing waiting for it, with when it should get the air.</summary>
    public IReadOnlyDictionary<string, (Airing Airing, DateTimeOffset At)> Waiting()
    {
        var result = new Dictionary<string, (Airing, DateTimeOffset)>(StringComparer.Ordinal);
        foreach (var (id, device) in _devices)
            if (device.Waiting.Count > 0)
                result[id] = (device.Waiting[0].Airing, (device.Holder?.SoundEnd ?? device.Waiting[0].Airing.Start) + timing.AnnounceLead);
        return result;
    }

    private async Task DecideAsync(Airing airing, DateTimeOffset now, CancellationToken ct)
    {
        _pending.Remove(airing);
        if (!claim(airing.Planned)) return;
        // The instant the new session reaches the devices: a holder it displaces stops there, and no sooner.
        var start = airing.Start;
        var soonest = timing.SoonestStart(now, airing.Length);
        if (start < soonest) start = soonest;
        var cut = start - timing.AnnounceLead;

        var winners = new List<string>();
        var followUps = new List<(Airing Airing, TimeSpan From, string Device)>();
        foreach (var deviceId in airing.Devices)
        {
            var device = Device(deviceId);
            var holder = device.Holder is { } h && h.SoundEnd > cut ? h : null;
            var candidates = new List<ArbitrationCandidate> { airing.Candidate(TimeSpan.Zero, onAir: false) };
            if (holder is not null) candidates.Add(holder.Airing.Candidate(holder.PositionAt(cut), holder.IsSounding(cut)));
            candidates.AddRange(device.Waiting.Select(w => w.Airing.Candidate(w.Position, onAir: false)));
            var decision = DeviceArbiter.Decide(candidates);
            Log(decision.LogEntries(deviceId, cut));

            var playing = decision.Playing!.Slot.SlotId;
            if (holder is not null && playing != holder.Airing.Id)
            {
                _withdrawals.Add(new Withdrawal(cut, holder, deviceId, $"preempted on this speaker by {playing}"));
                device.Holder = null;
            }
            if (playing == airing.Id) winners.Add(deviceId);
            else if (holder is null || playing != holder.Airing.Id)
            {
                var verdict = decision.Playing!;
                followUps.Add((AiringOf(device, verdict.Slot.SlotId), verdict.Position, deviceId));
            }
            device.Waiting = WaitingOf(decision, device, airing, holder, exclude: playing);
        }

        if (winners.Count > 0) await StartAsync(new AirSegment(airing, TimeSpan.Zero, start, winners), ct);
        else LogWaitsEverywhere(airing.Id, airing.Devices.Count);
        await StartFollowUpsAsync(followUps, now, ct);
    }

    /// <summary>A session's audio has all sounded: its devices are free for what waits.</summary>
    private async Task EndAsync(AirSegment segment, DateTimeOffset now, CancellationToken ct)
    {
        _segments.Remove(segment);
        var freed = new List<(Airing Airing, TimeSpan From, string Device)>();
        foreach (var deviceId in segment.Devices)
        {
            var device = Device(deviceId);
            if (!ReferenceEquals(device.Holder, segment)) continue;
            device.Holder = null;
            if (device.Waiting.Count == 0) continue;
            var decision = DeviceArbiter.Decide(device.Waiting.Select(w => w.Airing.Candidate(w.Position, onAir: false)));
            Log(decision.LogEntries(deviceId, segment.SoundEnd));
            var verdict = decision.Playing!;
            var next = AiringOf(device, verdict.Slot.SlotId);
            device.Waiting = WaitingOf(decision, device, null, null, exclude: verdict.Slot.SlotId);
            if (verdict.Position < next.Length) freed.Add((next, verdict.Position, deviceId));
        }
        await StartFollowUpsAsync(freed, now, ct);
    }

    /// <summary>Further sessions, as soon as they can sound: one per airing and position, for all its devices.</summary>
    private async Task StartFollowUpsAsync(List<(Airing Airing, TimeSpan From, string Device)> followUps, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var group in followUps.GroupBy(f => (f.Airing.Id, f.From)))
        {
            var airing = group.First().Airing;
            await StartAsync(new AirSegment(airing, group.Key.From, timing.SoonestStart(now, airing.Length - group.Key.From), group.Select(g => g.Device)), ct);
        }
    }

    /// <summary>Takes a displaced session off its devices; those of one session at one instant in one call.</summary>
    private async Task WithdrawAsync(Withdrawal withdrawal, CancellationToken ct)
    {
        var segment = withdrawal.Segment;
        var batch = _withdrawals.Where(w => ReferenceEquals(w.Segment, segment) && w.At == withdrawal.At).ToArray();
        _withdrawals.RemoveAll(batch.Contains);
        var devices = batch.Select(w => w.DeviceId).Where(segment.Devices.Remove).ToArray();
        if (devices.Length == 0 || segment.SessionId is not { } session) return;
        if (segment.Devices.Count == 0)
        {
            _segments.Remove(segment);
            output.Cancel(session, withdrawal.Reason);
        }
        else await output.WithdrawAsync(session, devices, withdrawal.Reason, ct);
    }

    private async Task StartAsync(AirSegment segment, CancellationToken ct)
    {
        foreach (var id in segment.Devices) Device(id).Holder = segment;
        segment.SessionId = await output.StartAsync(segment, ct);
        _segments.Add(segment);
        LogSegment(segment.Airing.Id, segment.SessionId ?? "(not started)", segment.From, segment.SoundStart, segment.Devices.Count);
    }

    private List<Waiter> WaitingOf(ArbitrationDecision decision, DeviceAir device, Airing? added, AirSegment? holder, string exclude)
    {
        var waiting = new List<Waiter>();
        foreach (var verdict in decision.Waiting)
        {
            if (verdict.Slot.SlotId == exclude) continue;
            var airing = verdict.Slot.SlotId == added?.Id ? added : verdict.Slot.SlotId == holder?.Airing.Id ? holder.Airing : AiringOf(device, verdict.Slot.SlotId);
            waiting.Add(new Waiter(airing, verdict.Position));
        }
        return waiting;
    }

    private Airing AiringOf(DeviceAir device, string slotId) =>
        device.Waiting.First(w => w.Airing.Id == slotId).Airing;

    private void Log(IReadOnlyList<PreemptionLogEntry> entries)
    {
        if (entries.Count == 0) return;
        log.Add(entries);
        foreach (var e in entries) LogPreemption(e.DeviceId, e.SlotId, e.By, e.Role, e.Reason, e.Policy, e.Position);
    }

    private DeviceAir Device(string id)
    {
        if (!_devices.TryGetValue(id, out var device)) _devices[id] = device = new DeviceAir();
        return device;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x <= b ? x : b;

    private sealed class DeviceAir
    {
        public AirSegment? Holder { get; set; }
        public List<Waiter> Waiting { get; set; } = [];
    }

    private sealed record Waiter(Airing Airing, TimeSpan Position);

    private sealed record Withdrawal(DateTimeOffset At, AirSegment Segment, string DeviceId, string Reason);

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Slot {Slot}: session {Session} from {From} sounds at {Start:o} on {Devices} speakers")]
    private partial void LogSegment(string slot, string session, TimeSpan from, DateTimeOffset start, int devices);

    [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Speaker {Device}: slot {Slot} {Role} by {By} ({Reason}, policy {Policy}, at {Position})")]
    private partial void LogPreemption(string device, string slot, string by, SlotRole role, VerdictReason reason, PreemptionPolicy policy, TimeSpan position);

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Slot {Slot} waits for the air on all its {Devices} speakers")]
    private partial void LogWaitsEverywhere(string slot, int devices);
}
