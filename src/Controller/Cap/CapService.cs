using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// Takes CAP 1.2 alerts in and keeps the ledger: validates, deduplicates (sender + identifier + sent), maps areas to
/// devices and severity/urgency/certainty to a priority class, and decides. Actual Alert/Update messages wait for
/// approval (or air at once when Cap:AirAtOnce allows Extreme/Immediate); Update and Cancel stop what the referenced
/// alerts put on air; every other status or message type is recorded only. Thread-safe: ledger changes are serialized,
/// while audio is prepared outside the gate so a slow speech engine does not hold up a Cancel.
/// </summary>
public sealed partial class CapService(
    CapStore store,
    ICapAirway airway,
    CapAudio audio,
    ITargetDirectory directory,
    DeviceRegistry registry,
    IOptions<CapOptions> options,
    TimeProvider time,
    ILogger<CapService> logger)
{
    private readonly CapOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<CapIngestResult> IngestAsync(byte[] xml, string postedBy, CancellationToken ct)
    {
        var parsed = CapParser.Parse(xml, _options.MaxXmlBytes);
        var errors = parsed.Alert is null ? parsed.Errors : [.. parsed.Errors, .. CapValidator.Validate(parsed.Alert)];
        if (errors.Count > 0)
        {
            CapCounters.Refused.Add(1);
            LogRefused(postedBy, errors.Count, errors[0]);
            return CapIngestResult.Invalid(errors);
        }
        var alert = parsed.Alert!;
        var info = alert.ChooseInfo();
        CapRecord record;
        await _gate.WaitAsync(ct);
        try
        {
            var key = CapStore.KeyOf(alert.Sender!, alert.Identifier!, alert.Sent!);
            if (store.FindByKey(key) is { } existing)
            {
                CapCounters.Duplicates.Add(1);
                LogDuplicate(alert.Identifier!, alert.Sender!);
                return new CapIngestResult(CapOutcome.Duplicate, existing, []);
            }
            record = NewRecord(alert, info, key, xml, postedBy);
            Decide(record, alert, info);
            // Kept whole until the decision: the ledger's RawXml may be cut, and approval airs from the document.
            if (record.State == CapState.PendingApproval) record.PendingXml = xml;
            store.Insert(record);
        }
        finally
        {
            _gate.Release();
        }
        CapCounters.Accepted.Add(1, new KeyValuePair<string, object?>("state", record.State.ToString()));
        LogAccepted(record.Id, record.Identifier, record.Sender, record.Status, record.MsgType, record.State, record.Verdict);
        // Airing is not tied to the request: a feed that hangs up must not leave an alert half on air.
        if (record.State == CapState.Airing) record = await AirAsync(record, info!, postedBy, CancellationToken.None);
        return new CapIngestResult(CapOutcome.Accepted, record, []);
    }

    public async Task<CapDecisionResult> ApproveAsync(string id, string approver, CancellationToken ct)
    {
        CapRecord record;
        await _gate.WaitAsync(ct);
        try
        {
            if (Check(id, approver, "approve") is { } refused) return refused;
            record = store.Find(id)!;
            record.State = CapState.Airing;
            record.DecidedBy = approver;
            record.DecidedAt = time.GetUtcNow();
            record.Verdict = $"approved by {approver}";
            store.Update(record);
        }
        finally
        {
            _gate.Release();
        }
        LogDecided(id, record.Identifier, approver, "approved");
        var info = CapParser.Parse(record.PendingXml ?? [], int.MaxValue).Alert?.ChooseInfo();
        if (info is null) return new CapDecisionResult(CapDecisionOutcome.Done, Fail(record, "the alert's document was not kept for airing"));
        return new CapDecisionResult(CapDecisionOutcome.Done, await AirAsync(record, info, approver, CancellationToken.None));
    }

    public async Task<CapDecisionResult> RejectAsync(string id, string approver, string reason, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (Check(id, approver, "reject") is { } refused) return refused;
            var record = store.Find(id)!;
            record.State = CapState.Rejected;
            record.DecidedBy = approver;
            record.DecidedAt = time.GetUtcNow();
            record.Verdict = $"rejected by {approver}: {reason}";
            record.PendingXml = null;
            store.Update(record);
            LogDecided(id, record.Identifier, approver, "rejected");
            return new CapDecisionResult(CapDecisionOutcome.Done, record);
        }
        finally
        {
            _gate.Release();
        }
    }

    public CapRecord? Find(string id) => store.Find(id) is { } r ? Refresh(r) : null;

    public IReadOnlyList<CapRecord> Recent(int limit) => store.Recent(limit).Select(Refresh).ToArray();

    /// <summary>What each aired broadcast or emergency did at each device, as the broadcast service reports it.</summary>
    public IReadOnlyList<CapAiring> Airings(CapRecord record) =>
        record.Broadcasts.Select(id => CapAiring.Of(id, airway.FindBroadcast(id)))
            .Concat(record.Emergencies.Select(id => CapAiring.Of(id, airway.FindEmergency(id))))
            .ToArray();

    private CapDecisionResult? Check(string id, string approver, string verb)
    {
        if (store.Find(id) is not { } record) return new CapDecisionResult(CapDecisionOutcome.NotFound, null, $"no CAP alert with id '{id}'");
        if (string.Equals(record.PostedBy, approver, StringComparison.OrdinalIgnoreCase))
        {
            CapCounters.Refused.Add(1, new KeyValuePair<string, object?>("reason", "same actor"));
            LogSameActor(id, approver, verb);
            return new CapDecisionResult(CapDecisionOutcome.SameActor, record, $"{approver} posted CAP alert {id} and may not {verb} it: another approver must");
        }
        return record.State == CapState.PendingApproval ? null
            : new CapDecisionResult(CapDecisionOutcome.NotPending, record, $"CAP alert {id} is {record.State}, not waiting for approval");
    }

    private CapRecord NewRecord(CapAlert alert, CapInfo? info, string key, byte[] xml, string postedBy)
    {
        var text = System.Text.Encoding.UTF8.GetString(xml);
        var cut = text.Length > _options.MaxStoredXmlChars;
        return new CapRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Identifier = alert.Identifier!, Sender = alert.Sender!, Sent = alert.Sent!, Key = key,
            Status = alert.Status!, MsgType = alert.MsgType!, References = alert.References,
            Language = info?.Language, Event = info?.Event, Headline = info?.Headline,
            Severity = info?.Severity, Urgency = info?.Urgency, Certainty = info?.Certainty, Expires = info?.Expires,
            ReceivedAt = time.GetUtcNow(), PostedBy = postedBy,
            RawXml = cut ? text[.._options.MaxStoredXmlChars] : text, RawXmlTruncated = cut,
            Class = CapPriorityMap.ClassOf(info?.Severity, info?.Urgency, info?.Certainty),
            Origin = CapPriorityMap.OriginOf(_options, alert.Sender),
        };
    }

    /// <summary>Sets the record's state and verdict; stops what an Actual Update or Cancel replaces. Under the gate.</summary>
    private void Decide(CapRecord record, CapAlert alert, CapInfo? info)
    {
        if (alert.Status != "Actual")
        {
            Recorded(record, $"status {alert.Status}: recorded, not aired");
            return;
        }
        var stopped = alert.MsgType is "Update" or "Cancel" ? StopReferenced(record, alert) : null;
        if (alert.MsgType is "Ack" or "Error")
        {
            Recorded(record, $"msgType {alert.MsgType}: recorded, not aired");
            return;
        }
        if (alert.MsgType == "Cancel")
        {
            Recorded(record, "Cancel: " + stopped);
            return;
        }
        var prefix = stopped is null ? "" : stopped + "; ";
        if (info is null) { Recorded(record, prefix + "the alert has no info block: nothing to air"); return; }
        if (CapVocabulary.TryParseDateTime(info.Expires, out var expires) && expires <= time.GetUtcNow())
        {
            Recorded(record, prefix + $"expired at {info.Expires}: recorded, not aired");
            return;
        }

        var positions = registry.List().Where(d => d.Position is { IsValid: true })
            .ToDictionary(d => d.Id, d => new GeoPoint(d.Position!.Latitude, d.Position.Longitude), StringComparer.Ordinal);
        var targets = CapTargetMap.Map(info, directory, positions, _options.AdminCodeNames);
        record.TargetDevices = [.. targets.DeviceIds];
        record.TargetAreas = [.. targets.AreaCodes];
        record.DevicesByGeometry = [.. targets.DevicesByGeometry];
        record.UnknownGeocodes = [.. targets.UnknownGeocodes];
        if (targets.IsEmpty) { Recorded(record, prefix + "no speaker of this installation is in the alert's area: recorded, not aired"); return; }

        if (CapPriorityMap.MayAirAtOnce(_options, info.Severity, info.Urgency))
        {
            record.State = CapState.Airing;
            record.Verdict = prefix + "Extreme and Immediate: aired at once (Cap:AirAtOnce)";
            record.DecidedBy = record.PostedBy;
            record.DecidedAt = record.ReceivedAt;
            return;
        }
        record.State = CapState.PendingApproval;
        record.Verdict = prefix + $"waiting for approval ({record.TargetDevices.Count} speakers, class {record.Class})";
    }

    private static void Recorded(CapRecord record, string verdict)
    {
        record.State = CapState.RecordedOnly;
        record.Verdict = verdict;
    }
}
