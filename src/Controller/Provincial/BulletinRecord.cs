namespace InfoRadio.Controller.Provincial;

/// <summary>A bulletin from the province and what became of it, as stored in LiteDB (collection "provincial_bulletins").</summary>
public sealed class BulletinRecord
{
    /// <summary>The province's own id of the bulletin: a second bulletin with the same id is the same bulletin.</summary>
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public BulletinPriority Priority { get; set; }
    public string? Text { get; set; }
    public string? AudioUrl { get; set; }
    /// <summary>Audio that came inline (base64), kept in LiteDB file storage under the bulletin's id until it is used.</summary>
    public bool InlineAudio { get; set; }
    public string? Voice { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The area codes the province named.</summary>
    public List<string> Targets { get; set; } = [];
    /// <summary>Area codes this installation does not know (another commune's), ignored.</summary>
    public List<string> UnknownTargets { get; set; } = [];
    /// <summary>The speakers the known areas hold, at intake.</summary>
    public List<string> DeviceIds { get; set; } = [];
    /// <summary>The account that posted it, or <c>poll</c>.</summary>
    public string ReceivedBy { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public BulletinState State { get; set; }
    /// <summary>Why it failed, or a note on how it airs.</summary>
    public string? Reason { get; set; }
    /// <summary>The media item holding a normal bulletin's audio (its recording, or its text spoken).</summary>
    public string? MediaId { get; set; }
    public long DurationMs { get; set; }
    /// <summary>When it sounds (priority: its slot; scheduled normal: the chosen start).</summary>
    public DateTimeOffset? AirAt { get; set; }
    public string? BroadcastId { get; set; }
    public string? EmergencyId { get; set; }
    /// <summary>A scheduled normal bulletin's program and schedule in the scheduling catalog.</summary>
    public string? ProgramId { get; set; }
    public string? ScheduleId { get; set; }
    public string? ScheduledBy { get; set; }
    /// <summary>Sessions the scheduler aired a scheduled bulletin in (seen while on air).</summary>
    public List<string> SessionIds { get; set; } = [];
    public DateTimeOffset? ConfirmedAt { get; set; }
}
