namespace InfoRadio.Controller.Scheduling;

/// <summary>What arbitration makes of one slot at a device.</summary>
public enum SlotRole
{
    /// <summary>Holds the air.</summary>
    Playing,
    /// <summary>Waits for the air by its own choice (append behind an equal-ranked program).</summary>
    Queued,
    /// <summary>Kept off the air by a higher-ranked or overriding slot; resumes or restarts when the air is free.</summary>
    Preempted,
    /// <summary>Kept off the air and, by its preemption policy, gives up the slot.</summary>
    Skipped,
}
