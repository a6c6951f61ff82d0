namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Decides, each time it is ticked, which slots to start now, which to start late after a downtime, and which to log
/// as missed with a reason. Missed slots are written to the <see cref="IAirLedger"/> at once; a slot to start is
/// written when the caller <see cref="Claim"/>s it, right before starting it, so a crash before the claim offers the
/// slot again (late) after the restart and a slot is never started twice. The ledger's checkpoint never passes an
/// unclaimed or undecided slot, so every slot is decided exactly once, by this planner or a later one built on the
/// same ledger. Not thread-safe: tick and claim from one loop.
/// </summary>
public sealed class SlotPlanner
{
    private static readonly TimeSpan Epsilon = TimeSpan.FromTicks(1);

    private readonly ISchedulingCatalog _catalog;
    private readonly IAirLedger _ledger;
    private readonly TimeProvider _time;
    private readonly SlotPlannerOptions _options;
    private readonly SlotBuffer _buffer;
    private DateTimeOffset? _heldUntil;

    public SlotPlanner(ISchedulingCatalog catalog, IAirLedger ledger, TimeProvider time, SlotPlannerOptions? options = null)
    {
        _options = options ?? new SlotPlannerOptions();
        if (_options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
        _catalog = catalog;
        _ledger = ledger;
        _time = time;
        _buffer = new SlotBuffer(catalog, _options.Lookahead);
    }

    public SlotPlan Tick()
    {
        var now = _time.GetUtcNow();
        var checkpoint = _ledger.Checkpoint;
        if (checkpoint is null)
        {
            // First run on this ledger: nothing before now is owed.
            checkpoint = new PlannerCheckpoint(now, now);
            _ledger.SaveCheckpoint(checkpoint);
        }
        // A clock that stepped back must not re-decide anything: wait until it passes the watermark again.
        if (now < checkpoint.Watermark) return SlotPlan.Empty;

        var toStart = new List<PlannedSlot>();
        var missed = new List<AirRecord>();
        var problems = new List<ScheduleProblem>();
        DateTimeOffset? earliestOpen = null;
        _heldUntil = null;

        var cursor = checkpoint.Watermark;
        while (cursor <= now)
        {
            var chunkEnd = Min(now + Epsilon, cursor + _options.Lookahead);
            foreach (var (slot, schedule) in _buffer.Slots(cursor, chunkEnd, problems))
            {
                if (_ledger.Find(slot.Key) is not null) continue;
                var decision = Decide(slot, schedule, now, checkpoint.LastTickAt);
                switch (decision)
                {
                    case PlannedSlot planned:
                        toStart.Add(planned);
                        earliestOpen ??= slot.Start;
                        break;
                    case AirRecord record:
                        if (_ledger.TryAdd(record)) missed.Add(record);
                        break;
                    case DateTimeOffset holdUntil:
                        earliestOpen ??= slot.Start;
                        _heldUntil = _heldUntil is { } h && h < holdUntil ? h : holdUntil;
                        break;
                }
            }
            cursor = chunkEnd;
        }

        _ledger.SaveCheckpoint(new PlannerCheckpoint(earliestOpen ?? now + Epsilon, now));
        return new SlotPlan(toStart, missed, problems.DistinctBy(p => p.ScheduleId).ToArray());
    }

    /// <summary>
    /// Records that <paramref name="slot"/> goes on air; call it right before starting it. False means the slot is
    /// already recorded (claimed before, or decided otherwise) and must not be started.
    /// </summary>
    public bool Claim(PlannedSlot slot) =>
        _ledger.TryAdd(new AirRecord(slot.Slot.Key, slot.Slot.ProgramId, slot.Outcome, _time.GetUtcNow()));

    /// <summary>
    /// When the next tick has something to do: the next slot's start, the end of a held slot's grace window, or the
    /// end of what has been expanded. A catalog change (new schedule, approval) also calls for a tick.
    /// </summary>
    public DateTimeOffset NextDueAt()
    {
        var now = _time.GetUtcNow();
        var next = _buffer.NextStartAfter(now) ?? _buffer.End ?? now;
        if (_heldUntil is { } held && held + Epsilon < next) next = held + Epsilon;
        return next < now ? now : next;
    }

    /// <summary>A <see cref="PlannedSlot"/>, a missed <see cref="AirRecord"/>, or the instant until which to hold it undecided.</summary>
    private object Decide(ScheduledSlot slot, Schedule schedule, DateTimeOffset now, DateTimeOffset lastTick)
    {
        var lateness = now - slot.Start;
        var program = _catalog.FindProgram(slot.ProgramId);
        if (program is null)
            return Missed(slot, now, MissReason.ProgramMissing, $"program {slot.ProgramId} does not exist");

        var joinsLive = program.Kind is ProgramKind.StreamRelay or ProgramKind.LiveSlot;
        var window = joinsLive ? Max(_options.LateGrace, program.Duration - _options.MinLiveRemaining) : _options.LateGrace;

        if (!program.CanAir)
        {
            // Approval may still come within the window: keep the slot undecided until then.
            if (lateness <= window) return slot.Start + window;
            var state = program.Approval.ToString().ToLowerInvariant();
            var detail = program.RejectionReason is { } why ? $"program is {state}: {why}" : $"program is {state}, not approved";
            return Missed(slot, now, MissReason.NotApproved, detail);
        }

        if (lateness <= _options.OnTimeTolerance)
            return new PlannedSlot(slot, program, schedule, AirOutcome.OnTime, lateness, program.Duration);
        if (lateness <= window)
            return new PlannedSlot(slot, program, schedule, AirOutcome.Late, lateness, joinsLive ? program.Duration - lateness : program.Duration);

        var why2 = slot.Start > lastTick
            ? $"the planner did not run between {lastTick:u} and {now:u} (controller down); the slot was due at {slot.Start:u} and its grace window is {window}"
            : $"the slot was due at {slot.Start:u} and was still not started at {now:u}, past its grace window of {window}";
        return Missed(slot, now, MissReason.NotStartedInTime, why2);
    }

    private static AirRecord Missed(ScheduledSlot slot, DateTimeOffset now, MissReason reason, string detail) =>
        new(slot.Key, slot.ProgramId, AirOutcome.Missed, now, reason, detail);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
