using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>A CAP alert as the API shows it: the ledger's record, and on GET /api/cap/{id} what each device played.</summary>
public sealed record CapView(
    string Id,
    string Identifier,
    string Sender,
    string Sent,
    string Status,
    string MsgType,
    string? References,
    string? Language,
    string? Event,
    string? Headline,
    string? Severity,
    string? Urgency,
    string? Certainty,
    string? Expires,
    DateTimeOffset ReceivedAt,
    string PostedBy,
    CapState State,
    string Verdict,
    bool Aired,
    PriorityClass Class,
    OriginLevel Origin,
    IReadOnlyList<string> TargetDevices,
    IReadOnlyList<string> TargetAreas,
    IReadOnlyList<string> DevicesByGeometry,
    IReadOnlyList<string> UnknownGeocodes,
    string? AudioSource,
    IReadOnlyList<string> Broadcasts,
    IReadOnlyList<string> Emergencies,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? CancelledBy,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<CapAiring>? Airings,
    string? RawXml,
    bool RawXmlTruncated)
{
    public static CapView Of(CapRecord r, IReadOnlyList<CapAiring>? airings = null, bool withXml = false) => new(
        r.Id, r.Identifier, r.Sender, r.Sent, r.Status, r.MsgType, r.References, r.Language, r.Event, r.Headline,
        r.Severity, r.Urgency, r.Certainty, r.Expires, r.ReceivedAt, r.PostedBy, r.State, r.Verdict,
        r.Broadcasts.Count + r.Emergencies.Count > 0, r.Class, r.Origin,
        r.TargetDevices, r.TargetAreas, r.DevicesByGeometry, r.UnknownGeocodes, r.AudioSource, r.Broadcasts, r.Emergencies,
        r.DecidedBy, r.DecidedAt, r.CancelledBy, r.CancelledAt, airings, withXml ? r.RawXml : null, r.RawXmlTruncated);
}
