using System.Security.Cryptography;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>The session lifecycle every broadcast goes through, whatever its source.</summary>
public sealed partial class BroadcastService
{
    /// <summary>Records a new broadcast (pending) and tracks it; throws when its targets cannot be resolved.</summary>
    private ActiveBroadcast Open(string title, BroadcastTargets targets, string profileName, BroadcastProfile profile,
        string sourceFormat, long durationMs, BroadcastSource? source = null) =>
        Open(title, targets, profileName, _ => profile, sourceFormat, durationMs, source);

    /// <param name="profileFor">The profile for the number of speakers the targets resolve to.</param>
    private ActiveBroadcast Open(string title, BroadcastTargets targets, string profileName, Func<int, BroadcastProfile> profileFor,
        string sourceFormat, long durationMs, BroadcastSource? source = null)
    {
        var deviceIds = ResolveTargets(targets);
        var profile = profileFor(deviceIds.Count);
        var record = new BroadcastRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Title = title,
            Profile = profileName,
            Stream = NewStreamId(),
            State = BroadcastState.Pending,
            AllDevices = targets.AllDevices,
            SourceFormat = sourceFormat,
            DurationMs = durationMs,
            CreatedAt = time.GetUtcNow(),
            Devices = deviceIds.Select(id => new DeviceDelivery { DeviceId = id }).ToList(),
            Source = source,
        };
        store.Insert(record);
        var active = new ActiveBroadcast(record, targets, profile);
        _active[record.Id] = active;
        LogAccepted(record.Id, profileName, title, deviceIds.Count, record.DurationMs);
        return active;
    }

    /// <summary>
    /// Announces the session in desired state with its profile's latency and an epoch one start lead from now,
    /// so that speakers subscribe to its audio before the first packet; the broadcast is then playing.
    /// </summary>
    private async Task<SessionInfo> AnnounceAsync(ActiveBroadcast active, CancellationToken ct)
    {
        var session = PrepareSession(active);
        await PublishAnnouncementAsync(active, session, ct);
        return session;
    }

    /// <summary>The session to announce, its epoch one start lead from now (or the scheduled one); not published yet.</summary>
    private SessionInfo PrepareSession(ActiveBroadcast active)
    {
        var record = active.Record;
        var soonest = NowUs() + active.Profile.StartLeadMs * 1000L;
        var scheduled = active.Scheduled;
        var session = new SessionInfo
        {
            Session = record.Id, Stream = record.Stream,
            Priority = scheduled?.Class ?? PriorityClass.Normal, Origin = scheduled?.Origin ?? OriginLevel.Commune,
            EpochUs = EpochFor(scheduled, soonest, active.Profile), LatencyMs = active.Profile.LatencyMs,
            FrameSamples = active.Profile.Opus.FrameSamples, Title = record.Title, Volume = scheduled?.Volume,
            Slot = scheduled?.Slot,
        };
        active.Session = session;
        deadlines.Open(session.Stream, session.EpochUs, session.LatencyMs);
        scheduled?.OnAnnounced?.Invoke(session);
        return session;
    }

    /// <summary>Publishes the session in desired state; the broadcast is then playing.</summary>
    private async Task PublishAnnouncementAsync(ActiveBroadcast active, SessionInfo session, CancellationToken ct)
    {
        await desired.AddAsync(session, active.Targets.DesiredTopics(), ct);
        Update(active, r => { r.State = BroadcastState.Playing; r.StartedAt = time.GetUtcNow(); });
    }

    /// <summary>
    /// A scheduled session keeps its asked epoch while at least half the start lead is left before it (a timer firing
    /// a few milliseconds late must not shift a slot's start); otherwise, and for uploads, one start lead from now.
    /// </summary>
    private long EpochFor(ScheduledAir? scheduled, long soonestUs, BroadcastProfile profile) =>
        scheduled?.EpochUs is { } asked && asked - profile.StartLeadMs * 500L >= NowUs() ? Math.Max(asked, NowUs()) : soonestUs;

    /// <summary>
    /// Runs a broadcast from its air to its withdrawal: <paramref name="air"/> announces (through
    /// <see cref="AnnounceAsync"/>) and sends the audio; then the speakers get until the last sample should have
    /// sounded plus the finish grace to report, the outcome is recorded and the session leaves desired state.
    /// </summary>
    private async Task RunAsync(ActiveBroadcast active, Func<CancellationToken, Task<AirResult>> air)
    {
        var record = active.Record;
        var ct = active.Stop.Token;
        try
        {
            var aired = await air(ct);
            if (aired.DurationMs is { } durationMs) Update(active, r => r.DurationMs = durationMs);
            var session = active.Session ?? throw new InvalidOperationException("the broadcast was aired without being announced");
            if (aired.EndPosition == 0)
            {
                // Nothing to play: no speaker can report having finished it.
                Finish(active, _ => "no audio was broadcast", aired.Reason ?? "no audio was broadcast");
                return;
            }

            var lastSoundUs = session.SoundsAtUs(aired.EndPosition);
            var waitUs = lastSoundUs + _options.FinishGraceMs * 1000L - NowUs();
            if (waitUs > 0)
                await Task.WhenAny(active.AllSettled.Task, Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct));
            ct.ThrowIfCancellationRequested();
            Finish(active, reasonFor: id => registry.Find(id) is { Online: true }
                ? "the speaker sent no play-finished report"
                : "the speaker was offline", broadcastReason: aired.Reason);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var why = active.StopReason ?? "the controller stopped during the broadcast";
            Finish(active, _ => why, why);
        }
        catch (Exception ex)
        {
            LogFailed(ex, record.Id);
            Finish(active, _ => "the broadcast failed on the controller", "failed on the controller: " + ex.Message);
        }
        finally
        {
            _active.TryRemove(record.Id, out _);
            deadlines.Close(record.Stream);
            if (active.Session is not null)
            {
                try { await desired.RemoveAsync(active.Session.Session, CancellationToken.None); }
                catch (Exception ex) { LogWithdrawFailed(ex, record.Id); }
            }
        }
    }

    private void Finish(ActiveBroadcast active, Func<string, string> reasonFor, string? broadcastReason)
    {
        Update(active, r =>
        {
            DeliveryTracker.FailUnsettled(r.Devices, reasonFor);
            r.State = DeliveryTracker.FinalState(r.Devices);
            r.EndedAt = time.GetUtcNow();
            r.Reason = broadcastReason ?? (r.State == BroadcastState.Failed ? "no speaker played the broadcast to the end" : null);
        });
        var r = active.Record;
        LogEnded(r.Id, r.State, r.Devices.Count(d => d.Status == DeliveryStatus.Finished), r.Devices.Count);
    }

    private void Update(ActiveBroadcast active, Action<BroadcastRecord> change)
    {
        lock (active.Gate)
        {
            change(active.Record);
            store.Update(active.Record);
        }
    }

    private static uint NewStreamId()
    {
        uint id;
        do id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)); while (id == 0);
        return id;
    }

    /// <summary>Controller time in unix µs, to the microsecond: a live epoch is measured against it.</summary>
    private long NowUs() => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
