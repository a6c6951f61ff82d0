namespace InfoRadio.Controller.Emergency;

/// <summary>Section "Emergency": how an emergency sounds and how long devices that come back are still retried.</summary>
public sealed class EmergencyOptions
{
    public const string Section = "Emergency";

    /// <summary>Volume 0–100 forced on every speaker for the emergency, over its own volume and mute.</summary>
    public int Volume { get; set; } = 100;

    /// <summary>Media item (or playlist) played as the alert chime; empty: the built-in three-tone chime.</summary>
    public string? ChimeMediaId { get; set; }

    /// <summary>
    /// True: every repetition starts with the chime (someone who walks up during the second reading still hears the
    /// attention signal first). False: the chime plays once, before the first reading only.
    /// </summary>
    public bool ChimeEveryRepeat { get; set; } = true;

    /// <summary>Silence between the chime and the message, and between repetitions.</summary>
    public int GapMs { get; set; } = 700;

    /// <summary>Most repetitions a request may ask for.</summary>
    public int MaxRepeat { get; set; } = 10;

    /// <summary>
    /// How long after the emergency's own airing ends a speaker that comes (back) online is still given the whole
    /// emergency from the start. 0: only while it airs.
    /// </summary>
    public int RetryWindowSeconds { get; set; } = 600;

    /// <summary>
    /// Time from a speaker coming (back) online to the start of its own airing: a speaker that has just connected is
    /// still subscribing and taking its first clock sample, and must not miss the chime's first packets.
    /// </summary>
    public int RetryDelayMs { get; set; } = 1500;

    /// <summary>Most retries per speaker in one emergency (a flapping link must not replay it forever).</summary>
    public int MaxRetriesPerDevice { get; set; } = 3;

    /// <summary>How often the live reach report is brought up to date from the speakers' play reports.</summary>
    public int RefreshMs { get; set; } = 250;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Volume is < 0 or > 100) errors.Add($"{Section}:Volume must be between 0 and 100");
        if (GapMs is < 0 or > 10_000) errors.Add($"{Section}:GapMs must be between 0 and 10000");
        if (MaxRepeat is < 1 or > 100) errors.Add($"{Section}:MaxRepeat must be between 1 and 100");
        if (RetryWindowSeconds is < 0 or > 86_400) errors.Add($"{Section}:RetryWindowSeconds must be between 0 and 86400");
        if (MaxRetriesPerDevice is < 0 or > 100) errors.Add($"{Section}:MaxRetriesPerDevice must be between 0 and 100");
        if (RetryDelayMs is < 0 or > 60_000) errors.Add($"{Section}:RetryDelayMs must be between 0 and 60000");
        if (RefreshMs is < 20 or > 10_000) errors.Add($"{Section}:RefreshMs must be between 20 and 10000");
        if (ChimeMediaId is { Length: > 0 } chime && Protocol.Identifiers.Check(chime, "media id") is { } bad) errors.Add($"{Section}:ChimeMediaId: {bad}");
        return errors;
    }
}
