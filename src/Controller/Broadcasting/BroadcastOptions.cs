namespace InfoRadio.Controller.Broadcasting;

/// <summary>Section "Broadcast": the profiles, the limits on uploads and live input, the wait for play reports.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    public BroadcastProfiles Profiles { get; set; } = new();

    public LiveInputOptions LiveInput { get; set; } = new();

    /// <summary>How long after the last sample should have sounded the controller waits for play-finished reports.</summary>
    public int FinishGraceMs { get; set; } = 5000;

    /// <summary>Largest accepted upload.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How far ahead of the paced send a program is decoded and encoded: enough to ride out a busy core for a few
    /// seconds, small enough that memory stays a few hundred kilobytes whatever the program's length.
    /// </summary>
    public int EncodeAheadMs { get; set; } = 5000;

    /// <summary>Longest accepted program, and longest live session.</summary>
    public int MaxDurationMinutes { get; set; } = 180;

    /// <summary>Every problem found, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Profiles.Program?.Validate($"{Section}:Profiles:Program") is { } program) errors.Add(program);
        if (Profiles.Live?.Validate($"{Section}:Profiles:Live") is { } live) errors.Add(live);
        if (Profiles.WideLive?.Validate($"{Section}:Profiles:WideLive") is { } wideLive) errors.Add(wideLive);
        if (Profiles.Emergency?.Validate($"{Section}:Profiles:Emergency") is { } emergency) errors.Add(emergency);
        if (Profiles.WideLiveFromSpeakers < 0) errors.Add($"{Section}:Profiles:WideLiveFromSpeakers must not be negative (0: never)");
        if (FinishGraceMs is < 0 or > 600_000) errors.Add($"{Section}:FinishGraceMs must be between 0 and 600000");
        if (EncodeAheadMs is < 100 or > 600_000) errors.Add($"{Section}:EncodeAheadMs must be between 100 and 600000");
        if (MaxUploadBytes < 1) errors.Add($"{Section}:MaxUploadBytes must be positive");
        if (MaxDurationMinutes is < 1 or > 24 * 60) errors.Add($"{Section}:MaxDurationMinutes must be between 1 and 1440");
        var input = LiveInput;
        if (input.MaxMessageBytes is < 2 or > 1_048_576) errors.Add($"{Section}:LiveInput:MaxMessageBytes must be between 2 and 1048576");
        if (input.IdleTimeoutMs is < 100 or > 600_000) errors.Add($"{Section}:LiveInput:IdleTimeoutMs must be between 100 and 600000");
        if (input.CorrectAfterMs is < 0 or > 60_000) errors.Add($"{Section}:LiveInput:CorrectAfterMs must be between 0 and 60000");
        if (input.MaxSessions is < 1 or > 1_000) errors.Add($"{Section}:LiveInput:MaxSessions must be between 1 and 1000");
        if (input.MaxInputLagMs < 0) errors.Add($"{Section}:LiveInput:MaxInputLagMs must not be negative");
        ValidateLiveInput(input, Profiles.Live, "live", errors);
        ValidateLiveInput(input, Profiles.WideLive, "wide live", errors);
        return errors;
    }

    /// <summary>Live input must fit every profile a live session may take.</summary>
    private static void ValidateLiveInput(LiveInputOptions input, BroadcastProfile? profile, string name, List<string> errors)
    {
        if (profile is null) return;
        if (input.TargetLeadMs < 0 || input.TargetLeadMs > profile.SendAheadMs)
            errors.Add($"{Section}:LiveInput:TargetLeadMs must be between 0 and the {name} profile's SendAheadMs");
        // Input this late and its packet still to fill must reach the speakers before its instant.
        if (input.MaxInputLagMs >= 0 && profile.Validate("") is null && input.MaxInputLagMs + profile.PacketMs >= profile.LatencyMs)
            errors.Add($"{Section}:LiveInput:MaxInputLagMs ({input.MaxInputLagMs}) plus a {name} packet ({profile.PacketMs} ms) must stay below the {name} latency ({profile.LatencyMs} ms)");
    }
}
