namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>Section "Scheduling:Runtime": how far ahead the scheduler works and how it notices catalog changes.</summary>
public sealed class SchedulerRuntimeOptions
{
    public const string Section = "Scheduling:Runtime";

    /// <summary>
    /// How far ahead of a slot's start the planner takes it up: loading and encoding happen in it, and the session
    /// must be announced a start lead plus the latency before its first sample sounds.
    /// </summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the catalog's version is checked for a change between due instants.</summary>
    public TimeSpan CatalogPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How far ahead "next" looks for each device's next scheduled slot.</summary>
    public TimeSpan NextHorizon { get; set; } = TimeSpan.FromDays(1);

    public string? Validate()
    {
        // Below 5 s a slot would be taken up after its hand-over instant (announce lead 1.5 s + a second + encoding).
        if (LeadTime < TimeSpan.FromSeconds(5) || LeadTime > TimeSpan.FromMinutes(10)) return $"{Section}:LeadTime must be between 5 s and 10 min";
        if (CatalogPollInterval < TimeSpan.FromMilliseconds(10) || CatalogPollInterval > TimeSpan.FromMinutes(1))
            return $"{Section}:CatalogPollInterval must be between 10 ms and 1 min";
        if (NextHorizon < TimeSpan.FromMinutes(1) || NextHorizon > TimeSpan.FromDays(31)) return $"{Section}:NextHorizon must be between 1 min and 31 days";
        return null;
    }
}
