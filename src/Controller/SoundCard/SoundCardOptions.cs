namespace InfoRadio.Controller.SoundCard;

/// <summary>Section <c>SoundCard</c>: live announcements from a sound card of the controller machine, through ALSA's <c>arecord</c>.</summary>
public sealed class SoundCardOptions
{
    public const string Section = "SoundCard";

    /// <summary>The ALSA capture device (<c>arecord -D</c>): <c>default</c>, <c>plughw:1,0</c>, or a PCM of an ALSA configuration.</summary>
    public string Device { get; set; } = "default";

    /// <summary>The arecord program (package alsa-utils).</summary>
    public string ArecordPath { get; set; } = "arecord";

    /// <summary>
    /// An ALSA configuration file for arecord alone (ALSA_CONFIG_PATH of the child process), e.g. one that names the
    /// desk microphone; empty: the machine's own configuration.
    /// </summary>
    public string? AlsaConfigPath { get; set; }

    /// <summary>ALSA period: how much audio arecord hands over at a time, and the size of each write to the broadcast.</summary>
    public int PeriodMs { get; set; } = 20;

    /// <summary>ALSA buffer: how much audio the card may hold while the controller is busy.</summary>
    public int BufferMs { get; set; } = 100;

    /// <summary>How long a start waits for the first audio before it answers (arecord that fails to open the device exits sooner).</summary>
    public int StartCheckMs { get; set; } = 2_000;

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Device)) return "SoundCard:Device must name an ALSA capture device";
        if (string.IsNullOrWhiteSpace(ArecordPath)) return "SoundCard:ArecordPath must name the arecord program";
        if (PeriodMs is < 5 or > 100) return "SoundCard:PeriodMs must be 5…100";
        if (BufferMs < 2 * PeriodMs || BufferMs > 2_000) return "SoundCard:BufferMs must be at least two periods and at most 2000";
        if (StartCheckMs is < 0 or > 30_000) return "SoundCard:StartCheckMs must be 0…30000";
        return null;
    }
}
