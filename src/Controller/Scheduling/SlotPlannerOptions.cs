namespace InfoRadio.Controller.Scheduling;

/// <summary>Timing rules of the slot planner (bound from configuration section "Scheduling" later).</summary>
public sealed class SlotPlannerOptions
{
    public const string Section = "Scheduling";

    /// <summary>A slot started up to this late counts as on time.</summary>
    public TimeSpan OnTimeTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A slot not started by then (controller down) still plays late within this window; after it, it is missed.</summary>
    public TimeSpan LateGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A stream relay or live slot is joined in progress up to this long before its end, however late: what is
    /// left of a relay is still worth airing, and the presenter still needs the rest of the slot.
    /// </summary>
    public TimeSpan MinLiveRemaining { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead schedules are expanded at a time.</summary>
    public TimeSpan Lookahead { get; set; } = TimeSpan.FromDays(2);

    public string? Validate()
    {
        if (OnTimeTolerance < TimeSpan.Zero) return "OnTimeTolerance must not be negative";
        if (LateGrace < OnTimeTolerance) return "LateGrace must be at least OnTimeTolerance";
        if (MinLiveRemaining <= TimeSpan.Zero) return "MinLiveRemaining must be positive";
        if (Lookahead < TimeSpan.FromMinutes(1) || Lookahead > TimeSpan.FromDays(31)) return "Lookahead must be between a minute and 31 days";
        return null;
    }
}
