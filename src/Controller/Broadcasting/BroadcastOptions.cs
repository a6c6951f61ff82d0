namespace InfoRadio.Controller.Broadcasting;

/// <summary>Section "Broadcast": how uploaded programs are streamed.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    /// <summary>Delay between a sample's place on the timeline and the instant speakers sound it (program profile).</summary>
    public int ProgramLatencyMs { get; set; } = 1000;

    /// <summary>Opus frames per MQTT message: cost is per message, so programs pack 100 ms.</summary>
    public int FramesPerPacket { get; set; } = 5;

    /// <summary>Time between announcing a session and its epoch, so speakers can subscribe to its audio first.</summary>
    public int StartLeadMs { get; set; } = 500;

    /// <summary>How far ahead of real time packets may be published.</summary>
    public int SendAheadMs { get; set; } = 200;

    /// <summary>How long after the last sample should have sounded the controller waits for play-finished reports.</summary>
    public int FinishGraceMs { get; set; } = 5000;

    /// <summary>Largest accepted upload.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Longest accepted program.</summary>
    public int MaxDurationMinutes { get; set; } = 180;
}
