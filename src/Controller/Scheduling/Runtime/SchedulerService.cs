using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Makes schedules air. One loop ticks the <see cref="SlotPlanner"/> on a clock running the lead time ahead, so a
/// slot is taken up early enough to be loaded, encoded and announced with an epoch that makes its first sample
/// sound exactly at its start; each slot is claimed in the air ledger right before it is handed to the
/// <see cref="DeviceAirBook"/>, which arbitrates it per device. A slot that cannot air (no audio to load, no
/// device) is recorded missed with the reason. The loop sleeps until the next slot, hand-over or session end, or
/// until the catalog's version changes.
/// </summary>
public sealed partial class SchedulerService : BackgroundService
{
    private readonly ISchedulingCatalog _catalog;
    private readonly IAirLedger _ledger;
    private readonly ProgramAudioLoader _loader;
    private readonly IAirOutput _output;
    private readonly TargetResolver _resolver;
    private readonly SchedulerRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SchedulerService> _logger;
    private readonly SlotPlanner _planner;
    private readonly DeviceAirBook _book;
    private readonly NextSlotFinder _next;
    private readonly Dictionary<string, NextItem?> _published = new(StringComparer.Ordinal);

    public SchedulerService(ISchedulingCatalog catalog, IAirLedger ledger, ITargetDirectory directory, ProgramAudioLoader loader,
        IAirOutput output, IPreemptionLog preemptions, AirTiming timing, IOptions<SchedulerRuntimeOptions> options,
        IOptions<SlotPlannerOptions> plannerOptions, TimeProvider time, ILogger<SchedulerService> logger)
    {
        _options = options.Value;
        if (_options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        _catalog = catalog;
        _ledger = ledger;
        _loader = loader;
        _output = output;
        _time = time;
        _logger = logger;
        _resolver = new TargetResolver(directory);
        // The planner measures lateness on the lead clock: its windows grow by the lead so that they hold in real time.
        var lead = _options.LeadTime;
        var planner = plannerOptions.Value;
        var onLeadClock = new SlotPlannerOptions
        {
            OnTimeTolerance = planner.OnTimeTolerance + lead, LateGrace = planner.LateGrace + lead,
            MinLiveRemaining = planner.MinLiveRemaining, Lookahead = planner.Lookahead,
        };
        _planner = new SlotPlanner(catalog, ledger, new LeadTimeProvider(time, lead), onLeadClock);
        _book = new DeviceAirBook(output, preemptions, timing, Claim, logger);
        _next = new NextSlotFinder(catalog, directory, _options.NextHorizon);
    }

    /// <summary>Whether the slot is taken up and waits for its hand-over (not yet claimed).</summary>
    public bool IsPending(SlotKey key) => _book.IsPending(key);

    /// <summary>The sessions the scheduler has on air or due, for status and tests.</summary>
    public IReadOnlyList<AirSegment> Segments => _book.Segments;

    /// <summary>
    /// One pass: plan, claim and hand over what is due, run the arbitration's due events, refresh "next".
    /// Returns when the next pass is due. The hosted loop calls it; tests drive it on a fake clock.
    /// </summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var plan = _planner.Tick();
        foreach (var missed in plan.Missed) LogMissed(missed.Key.ToString(), missed.Reason, missed.Detail);
        foreach (var problem in plan.Problems) LogScheduleProblem(problem.ScheduleId, problem.Message);
        foreach (var slot in plan.ToStart) Admit(slot, now);
        await _book.RunDueAsync(now, ct);
        await PublishNextAsync(now, ct);

        var wake = _planner.NextDueAt() - _options.LeadTime;
        if (_book.NextEventAt(now) is { } due && due < wake) wake = due;
        return wake;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_options.LeadTime);
        try
        {
            await _output.WarmUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPassFailed(ex);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset wake;
            var version = _catalog.Version;
            try
            {
                wake = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A broken pass (the broker down, a storage error) must not end scheduling: try again shortly.
                LogPassFailed(ex);
                wake = _time.GetUtcNow() + TimeSpan.FromSeconds(1);
            }
            try
            {
                await WaitAsync(wake, version, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sleeps until <paramref name="wake"/> or until the catalog changes, whichever is first.</summary>
    private async Task WaitAsync(DateTimeOffset wake, long version, CancellationToken ct)
    {
        while (_catalog.Version == version)
        {
            var left = wake - _time.GetUtcNow();
            if (left <= TimeSpan.Zero) return;
            await Task.Delay(left < _options.CatalogPollInterval ? left : _options.CatalogPollInterval, _time, ct);
        }
    }

    /// <summary>
    /// Takes a slot up: loads its audio and resolves its devices now, a lead time ahead, and leaves the claim to its
    /// hand-over. The planner offers it again on every pass until it is claimed; it is taken up once.
    /// </summary>
    private void Admit(PlannedSlot slot, DateTimeOffset now)
    {
        if (_book.IsPending(slot.Slot.Key)) return;
        var (audio, problem) = _loader.Load(slot);
        if (audio is null)
        {
            RecordMissed(slot, now, MissReason.ContentUnavailable, problem ?? "no audio");
            return;
        }
        var targets = _resolver.Resolve(slot.Schedule.Targets);
        if (targets.DeviceIds.Count == 0)
        {
            var unknown = targets.Unknown.Count > 0 ? "; unknown: " + string.Join(", ", targets.Unknown) : "";
            RecordMissed(slot, now, MissReason.NoDevices, "the schedule's targets reach no known speaker" + unknown);
            return;
        }
        _book.Admit(new Airing(slot, audio, targets.DeviceIds, slot.Slot.Start));
    }

    /// <summary>Records in the ledger that the slot goes on air, right before its session starts; false: it must not.</summary>
    private bool Claim(PlannedSlot slot)
    {
        // The planner's own Claim would date the record on its lead clock; the ledger gets the real instant.
        if (!_ledger.TryAdd(new AirRecord(slot.Slot.Key, slot.Program.Id, slot.Outcome, _time.GetUtcNow())))
        {
            LogAlreadyDecided(slot.Slot.Key.ToString());
            return false;
        }
        LogClaimed(slot.Slot.Key.ToString(), slot.Program.Title, slot.Outcome);
        return true;
    }

    private void RecordMissed(PlannedSlot slot, DateTimeOffset now, MissReason reason, string detail)
    {
        var record = new AirRecord(slot.Slot.Key, slot.Program.Id, AirOutcome.Missed, now, reason, detail);
        if (_ledger.TryAdd(record)) LogMissed(record.Key.ToString(), reason, detail);
    }

    private async Task PublishNextAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (device, next) in _next.Find(now, _book.Waiting()))
        {
            if (_published.TryGetValue(device, out var old) && Equals(old, next)) continue;
            await _output.SetNextAsync(device, next, ct);
            _published[device] = next;
        }
    }
}
