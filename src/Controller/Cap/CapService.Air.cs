using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

public sealed partial class CapService
{
    public const int MaxTitleLength = 200;

    /// <summary>Gives the alert its sound and puts it on air; the record says what aired or why it failed.</summary>
    private async Task<CapRecord> AirAsync(CapRecord record, CapInfo info, string actor, CancellationToken ct)
    {
        CapSound sound;
        try
        {
            sound = await audio.ResolveAsync(info, ct);
        }
        catch (CapAirException e)
        {
            return Fail(record, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine failing in its own way must still leave the ledger saying so, not an alert stuck in airing.
            return Fail(record, $"its sound could not be made: {e.GetType().Name}: {e.Message}");
        }

        var title = TitleOf(info);
        var targets = BroadcastTargets.Devices(record.TargetDevices);
        var emergency = record.Class == PriorityClass.Emergency;
        string airedId;
        try
        {
            airedId = emergency
                ? airway.StartEmergency(new EmergencyRequest(title, targets, ProgramAudio.InMemory(sound.Audio), record.Origin,
                    _options.EmergencyRepeat, actor, record.Identifier))
                : airway.StartBroadcast(title, ProgramAudio.InMemory(sound.Audio), targets, record.Class, record.Origin);
        }
        catch (Exception e) when (e is BroadcastRequestException or CapAirException)
        {
            return Fail(record, "it could not be put on air: " + e.Message);
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var current = store.Find(record.Id) ?? record;
            (emergency ? current.Emergencies : current.Broadcasts).Add(airedId);
            current.AudioSource = sound.Source;
            current.PendingXml = null;
            if (sound.Note is { } note) current.Verdict += "; " + note;
            if (current.State == CapState.Cancelled)
            {
                // A Cancel or Update came in while the sound was being made: it must not stay on air.
                Stop(emergency, airedId, $"CAP alert {current.Identifier} was cancelled by {current.CancelledBy}");
            }
            store.Update(current);
            CapCounters.Aired.Add(1, new KeyValuePair<string, object?>("class", current.Class.ToString()));
            LogAired(current.Id, current.Identifier, emergency ? "emergency" : "broadcast", airedId, current.TargetDevices.Count, sound.Source);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private CapRecord Fail(CapRecord record, string why)
    {
        _gate.Wait();
        try
        {
            var current = store.Find(record.Id) ?? record;
            if (current.State != CapState.Cancelled)
            {
                current.State = CapState.Failed;
                current.Verdict = why;
            }
            current.PendingXml = null;
            store.Update(current);
            CapCounters.Failed.Add(1);
            LogAirFailed(current.Id, current.Identifier, why);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops what the alerts named in <paramref name="alert"/>'s references put on air, and withdraws those still
    /// waiting for approval; only the same sender's alerts are touched. Under the gate. Returns what was done, in words.
    /// </summary>
    private string StopReferenced(CapRecord record, CapAlert alert)
    {
        var done = new List<string>();
        var foreign = 0;
        foreach (var reference in CapValidator.ParseReferences(alert.References))
        {
            if (reference.Sender != alert.Sender) { foreign++; continue; }
            foreach (var old in store.FindReferenced(reference))
            {
                if (old.State is not (CapState.Airing or CapState.PendingApproval)) continue;
                var reason = $"CAP {alert.MsgType} {alert.Identifier} from {alert.Sender}";
                foreach (var id in old.Broadcasts) Stop(false, id, reason);
                foreach (var id in old.Emergencies) Stop(true, id, reason);
                old.State = CapState.Cancelled;
                old.CancelledBy = record.Id;
                old.CancelledAt = record.ReceivedAt;
                old.PendingXml = null;
                old.Verdict += $"; {(alert.MsgType == "Update" ? "replaced" : "cancelled")} by {alert.Identifier}";
                store.Update(old);
                done.Add(old.Identifier);
                LogStoppedByReference(old.Id, old.Identifier, alert.MsgType!, alert.Identifier!);
            }
        }
        var verb = alert.MsgType == "Update" ? "replaced" : "stopped";
        var text = done.Count == 0 ? $"no referenced alert was waiting or on air, nothing {verb}" : $"{verb} {string.Join(", ", done)}";
        return foreign == 0 ? text : text + $" ({foreign} reference(s) to another sender ignored)";
    }

    private void Stop(bool emergency, string id, string reason)
    {
        try
        {
            var stopped = emergency ? airway.StopEmergency(id, reason) : airway.StopBroadcast(id, reason);
            if (!stopped) LogNotOnAir(id);
        }
        catch (CapAirException e)
        {
            LogStopFailed(id, e.Message);
        }
    }

    /// <summary>An airing alert whose broadcasts and emergencies have all ended is aired; one whose airings are unknown stays airing.</summary>
    private CapRecord Refresh(CapRecord record)
    {
        if (record.State != CapState.Airing || record.Broadcasts.Count + record.Emergencies.Count == 0) return record;
        var ended = record.Broadcasts.All(id => airway.FindBroadcast(id) is { State: BroadcastState.Finished or BroadcastState.Failed })
            && record.Emergencies.All(id => airway.FindEmergency(id) is { State: not EmergencyState.Active });
        if (!ended) return record;
        _gate.Wait();
        try
        {
            var current = store.Find(record.Id) ?? record;
            if (current.State != CapState.Airing) return current;
            current.State = CapState.Aired;
            store.Update(current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static string TitleOf(CapInfo info)
    {
        var text = "CAP: " + (info.Headline ?? info.Event ?? "alert");
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= MaxTitleLength ? clean : clean[..MaxTitleLength];
    }
}
