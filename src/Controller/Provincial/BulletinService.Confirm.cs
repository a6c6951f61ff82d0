using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Provincial;

public sealed partial class BulletinService
{
    /// <summary>A scheduled bulletin not seen on air this long after its slot ended is confirmed as not aired.</summary>
    public static readonly TimeSpan ScheduledGrace = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Bulletins a previous run accepted but did not prepare (it stopped in between).
        foreach (var record in store.InState(BulletinState.Received))
            await PrepareAsync(record, null, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckInterval, time, stoppingToken);
                await CheckAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogCheckFailed(e);
            }
        }
    }

    /// <summary>Confirms every bulletin on air that has ended; notes the sessions of scheduled ones.</summary>
    internal async Task CheckAllAsync(CancellationToken ct)
    {
        foreach (var record in store.InState(BulletinState.Airing, BulletinState.Scheduled))
        {
            await _gate.WaitAsync(ct);
            try
            {
                if (store.Find(record.Id) is { State: BulletinState.Airing or BulletinState.Scheduled } current) Check(current);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Under the gate.</summary>
    private void Check(BulletinRecord record)
    {
        if (record.EmergencyId is { } emergencyId)
        {
            if (services.GetService<IEmergencyBroadcaster>()?.Find(emergencyId) is not { } emergency) return;
            if (emergency.State == EmergencyState.Active) return;
            Confirm(record, emergency.Devices.Select(d => Play(d.Id, Status(d.Status == EmergencyDeviceStatus.Finished, d.Reached),
                d.ReachedAt, d.FinishedAt, d.Reason)).ToArray());
        }
        else if (record.State == BulletinState.Scheduled)
        {
            CheckScheduled(record);
            return;
        }
        else if (record.BroadcastId is { } broadcastId)
        {
            if (broadcasts.Find(broadcastId) is not { } view || view.State is BroadcastState.Pending or BroadcastState.Playing) return;
            Confirm(record, Plays([view]));
        }
        else return;
        store.Update(record);
    }

    private void CheckScheduled(BulletinRecord record)
    {
        var changed = false;
        if (services.GetService<SchedulerService>() is { } scheduler)
            foreach (var segment in scheduler.Segments.Where(s => s.Airing.Program.Id == record.ProgramId && s.SessionId is not null))
                if (!record.SessionIds.Contains(segment.SessionId!)) { record.SessionIds.Add(segment.SessionId!); changed = true; }
        var now = time.GetUtcNow();
        var slotEnd = (record.AirAt ?? now) + TimeSpan.FromMilliseconds(record.DurationMs);
        var views = record.SessionIds.Select(broadcasts.Find).OfType<BroadcastView>().ToArray();
        var sessionsOver = views.Length > 0 && views.All(v => v.State is not (BroadcastState.Pending or BroadcastState.Playing));
        var missed = services.GetService<LiteDbAirLedger>()?.Find(new SlotKey(record.ScheduleId ?? "", record.AirAt ?? now)) is { Aired: false } ledger
            ? ledger : null;
        if (sessionsOver && now > slotEnd)
        {
            Confirm(record, Plays(views));
            changed = true;
        }
        else if (views.Length == 0 && (missed is not null || now > slotEnd + ScheduledGrace))
        {
            record.Reason = missed is not null ? $"the scheduler did not air it: {missed.Reason} {missed.Detail}".Trim() : "the scheduler did not air it";
            Confirm(record, []);
            changed = true;
        }
        if (changed) store.Update(record);
    }

    private BulletinDevicePlay[] Plays(IReadOnlyList<BroadcastView> views) =>
        views.SelectMany(v => v.Devices).GroupBy(d => d.Id, StringComparer.Ordinal).Select(g =>
        {
            // A speaker in several sessions (a resumed slot): its best outcome counts.
            var best = g.OrderByDescending(d => d.Status == DeliveryStatus.Finished).ThenByDescending(d => d.StartedAt is not null).First();
            return Play(g.Key, Status(best.Status == DeliveryStatus.Finished, best.StartedAt is not null), g.Min(d => d.StartedAt), best.FinishedAt, best.Reason);
        }).ToArray();

    private static string Status(bool finished, bool started) => finished ? "finished" : started ? "partial" : "not-played";

    private BulletinDevicePlay Play(string deviceId, string status, DateTimeOffset? started, DateTimeOffset? finished, string? reason) =>
        new(deviceId, directory.Devices.FirstOrDefault(d => d.DeviceId == deviceId)?.VillageCode, status, started,
            status == "not-played" ? null : finished, status == "finished" ? null : reason);

    /// <summary>Ends the bulletin with what the speakers did and puts its confirmation in the outbox. Under the gate.</summary>
    private void Confirm(BulletinRecord record, IReadOnlyList<BulletinDevicePlay> plays)
    {
        var all = plays.ToList();
        // Targeted speakers the airing never reached (e.g. none were online) are confirmed as not played.
        foreach (var id in record.DeviceIds.Where(id => all.All(p => p.DeviceId != id)))
            all.Add(Play(id, "not-played", null, null, record.State == BulletinState.Failed ? record.Reason : "not reached"));
        var finished = all.Count(p => p.Status == "finished");
        var played = all.Count(p => p.Status != "not-played");
        if (record.State != BulletinState.Failed)
        {
            record.State = finished > 0 ? BulletinState.Aired : BulletinState.Failed;
            if (finished == 0) record.Reason ??= "no speaker played it to the end";
        }
        record.ConfirmedAt = time.GetUtcNow();
        var confirmation = new BulletinConfirmation(record.Id, record.Title, record.Priority, record.State == BulletinState.Aired ? "aired" : "failed",
            record.State == BulletinState.Aired ? null : record.Reason, record.ReceivedAt, record.AirAt, record.DeviceIds.Count, played, finished,
            all.OrderBy(p => p.DeviceId, StringComparer.Ordinal).ToArray());
        outbox.Enqueue(OutboxKinds.BulletinConfirmation, ConfirmationKey(record.Id), confirmation);
        LogConfirmed(record.Id, confirmation.Outcome, finished, record.DeviceIds.Count);
    }

    /// <summary>The idempotency key of a bulletin's confirmation: one per bulletin, ever.</summary>
    public static string ConfirmationKey(string bulletinId) => "bulletin-confirmation:" + bulletinId;
}
