using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>One CAP alert in the ledger (LiteDB collection <c>cap_alerts</c>): what came in, what was decided, what aired.</summary>
public sealed class CapRecord
{
    public string Id { get; set; } = "";
    public string Identifier { get; set; } = "";
    public string Sender { get; set; } = "";
    public string Sent { get; set; } = "";
    /// <summary>sender + identifier + sent, the CAP key of the alert; unique in the ledger.</summary>
    public string Key { get; set; } = "";
    public string Status { get; set; } = "";
    public string MsgType { get; set; } = "";
    public string? References { get; set; }
    public string? Language { get; set; }
    public string? Event { get; set; }
    public string? Headline { get; set; }
    public string? Severity { get; set; }
    public string? Urgency { get; set; }
    public string? Certainty { get; set; }
    public string? Expires { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string PostedBy { get; set; } = "";
    /// <summary>The document as posted, cut to Cap:MaxStoredXmlChars.</summary>
    public string RawXml { get; set; } = "";
    public bool RawXmlTruncated { get; set; }
    /// <summary>The whole document while the alert waits for approval (airing needs it); cleared once decided.</summary>
    public byte[]? PendingXml { get; set; }

    public CapState State { get; set; }
    /// <summary>Why the alert is in its state, in words for people.</summary>
    public string Verdict { get; set; } = "";
    public PriorityClass Class { get; set; }
    public OriginLevel Origin { get; set; }

    public List<string> TargetDevices { get; set; } = [];
    public List<string> TargetAreas { get; set; } = [];
    public List<string> DevicesByGeometry { get; set; } = [];
    public List<string> UnknownGeocodes { get; set; } = [];

    /// <summary>How it sounds: <c>resource</c> (the alert's audio), <c>uri</c> (fetched) or <c>tts</c>.</summary>
    public string? AudioSource { get; set; }
    /// <summary>Broadcast ids (normal, priority) of what aired.</summary>
    public List<string> Broadcasts { get; set; } = [];
    /// <summary>Emergency ids of what aired.</summary>
    public List<string> Emergencies { get; set; } = [];

    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? CancelledBy { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}
