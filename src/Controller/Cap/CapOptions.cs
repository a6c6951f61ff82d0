using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>Section "Cap": how CAP 1.2 alerts posted to /api/cap are taken in, mapped and aired.</summary>
public sealed class CapOptions
{
    public const string Section = "Cap";

    /// <summary>Largest accepted CAP document, bytes (with an inline audio resource it may be large).</summary>
    public int MaxXmlBytes { get; set; } = 1024 * 1024;

    /// <summary>How much of each document's XML the ledger keeps, characters (the rest is cut, and says so).</summary>
    public int MaxStoredXmlChars { get; set; } = 64 * 1024;

    /// <summary>Used when <see cref="AdminCodeValueNames"/> is empty: there is no registered Vietnamese CAP geocode name.</summary>
    public static readonly IReadOnlyList<string> DefaultAdminCodeValueNames = ["VN-ADMIN", "ADMIN_CODE", "MA_DVHC", "VN_ADMIN_CODE"];

    /// <summary>
    /// geocode valueNames whose value is an official administrative code of this installation's area tree (compared
    /// without regard to case). Empty by default, meaning <see cref="DefaultAdminCodeValueNames"/>: configured names
    /// replace the defaults rather than add to them (the configuration binder appends to a non-empty list).
    /// </summary>
    public List<string> AdminCodeValueNames { get; set; } = [];

    public IReadOnlyList<string> AdminCodeNames => AdminCodeValueNames.Count > 0 ? AdminCodeValueNames : DefaultAdminCodeValueNames;

    /// <summary>
    /// Actual alerts with severity Extreme and urgency Immediate air as soon as they are accepted, without waiting for an
    /// approver. Off by default: every Actual alert waits for approval.
    /// </summary>
    public bool AirAtOnce { get; set; }

    /// <summary>Origin level an alert ranks with when its sender is not in <see cref="SenderOrigins"/>.</summary>
    public OriginLevel DefaultOrigin { get; set; } = OriginLevel.Province;

    /// <summary>Origin level per CAP sender (exact sender text), e.g. the national disaster authority → Central.</summary>
    public Dictionary<string, OriginLevel> SenderOrigins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Voice and speed of the spoken alert when it carries no audio.</summary>
    public TtsVoice Voice { get; set; } = TtsVoice.Northern;

    public double Speed { get; set; } = 1.0;

    /// <summary>Also read the description after headline and instruction (long descriptions make long alerts).</summary>
    public bool SpeakDescription { get; set; }

    /// <summary>How many times an emergency-class alert is played in all.</summary>
    public int EmergencyRepeat { get; set; } = 2;

    /// <summary>Fetch an audio resource's http(s) <c>uri</c> when it has no inline <c>derefUri</c>. Off: such alerts are spoken.</summary>
    public bool FetchResourceUris { get; set; }

    /// <summary>Hosts a resource uri may be fetched from (exact, case-insensitive); empty allows any host.</summary>
    public List<string> AllowedResourceHosts { get; set; } = [];

    public long MaxResourceBytes { get; set; } = 20L * 1024 * 1024;

    public int FetchTimeoutSeconds { get; set; } = 20;

    /// <summary>Longest alert audio accepted, minutes.</summary>
    public int MaxAudioMinutes { get; set; } = 15;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxXmlBytes is < 4096 or > 64 * 1024 * 1024) errors.Add("Cap:MaxXmlBytes must be between 4096 and 67108864");
        if (MaxStoredXmlChars < 0) errors.Add("Cap:MaxStoredXmlChars must not be negative");
        if (AdminCodeValueNames.Any(string.IsNullOrWhiteSpace)) errors.Add("Cap:AdminCodeValueNames must not hold empty names");
        if (Speed is < 0.5 or > 2.0) errors.Add("Cap:Speed must be between 0.5 and 2.0");
        if (EmergencyRepeat is < 1 or > 10) errors.Add("Cap:EmergencyRepeat must be between 1 and 10");
        if (MaxResourceBytes <= 0) errors.Add("Cap:MaxResourceBytes must be positive");
        if (FetchTimeoutSeconds is < 1 or > 300) errors.Add("Cap:FetchTimeoutSeconds must be between 1 and 300");
        if (MaxAudioMinutes is < 1 or > 120) errors.Add("Cap:MaxAudioMinutes must be between 1 and 120");
        return errors;
    }
}
