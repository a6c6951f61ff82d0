namespace InfoRadio.Controller.Broadcasting;

/// <summary>Section <c>Broadcast:Profiles</c>: the profile of each kind of broadcast.</summary>
public sealed class BroadcastProfiles
{
    public const string ProgramName = "program";
    public const string LiveName = "live";
    public const string EmergencyName = "emergency";

    /// <summary>Uploaded files: 1000 ms latency, 5 frames (100 ms) per message.</summary>
    public BroadcastProfile Program { get; set; } = BroadcastProfile.ProgramDefaults();

    /// <summary>Live announcements: 200 ms latency, 2 frames (40 ms) per message.</summary>
    public BroadcastProfile Live { get; set; } = BroadcastProfile.LiveDefaults();

    /// <summary>Emergencies (khẩn cấp): 400 ms latency, 300 ms start lead, 5 frames (100 ms) per message.</summary>
    public BroadcastProfile Emergency { get; set; } = BroadcastProfile.EmergencyDefaults();
}
