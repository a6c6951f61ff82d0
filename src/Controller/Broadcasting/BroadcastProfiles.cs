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

    /// <summary>Live announcements to <see cref="WideLiveFromSpeakers"/> speakers or more: 1000 ms latency, 10 frames (200 ms) per message.</summary>
    public BroadcastProfile WideLive { get; set; } = BroadcastProfile.WideLiveDefaults();

    /// <summary>From how many target speakers a live session takes <see cref="WideLive"/>; 0: never.</summary>
    public int WideLiveFromSpeakers { get; set; } = 1000;

    /// <summary>The live profile for a session to <paramref name="speakers"/> speakers.</summary>
    public BroadcastProfile LiveFor(int speakers) => WideLiveFromSpeakers > 0 && speakers >= WideLiveFromSpeakers ? WideLive : Live;

    /// <summary>Emergencies (khẩn cấp): 400 ms latency, 300 ms start lead, 5 frames (100 ms) per message.</summary>
    public BroadcastProfile Emergency { get; set; } = BroadcastProfile.EmergencyDefaults();
}
