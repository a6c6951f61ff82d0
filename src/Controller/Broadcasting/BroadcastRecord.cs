namespace InfoRadio.Controller.Broadcasting;

/// <summary>A broadcast as stored in LiteDB (collection "broadcasts").</summary>
public sealed class BroadcastRecord
{
    /// <summary>Also the session id speakers see.</summary>
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The profile it was broadcast with: <c>program</c> (an upload) or <c>live</c>.</summary>
    public string Profile { get; set; } = BroadcastProfiles.ProgramName;
    public uint Stream { get; set; }
    public BroadcastState State { get; set; }
    /// <summary>True when the broadcast targets every speaker (zone <c>all</c>).</summary>
    public bool AllDevices { get; set; }
    public string SourceFormat { get; set; } = "";
    public long DurationMs { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? Reason { get; set; }
    /// <summary>Where it came from (scheduled slot, emergency, CAP alert); null for an upload or a live announcement.</summary>
    public BroadcastSource? Source { get; set; }
    public List<DeviceDelivery> Devices { get; set; } = [];
}
