namespace InfoRadio.Controller.Scheduling;

/// <summary>One verdict per candidate slot, in the order the slots would get the air.</summary>
public sealed record ArbitrationDecision(IReadOnlyList<SlotVerdict> Verdicts)
{
    public static ArbitrationDecision Empty { get; } = new([]);

    public SlotVerdict? Playing => Verdicts.FirstOrDefault(v => v.Role == SlotRole.Playing);

    /// <summary>Queued and preempted slots, in the order they would get the air as it frees up.</summary>
    public IEnumerable<SlotVerdict> Waiting => Verdicts.Where(v => v.Role is SlotRole.Queued or SlotRole.Preempted);

    public IEnumerable<SlotVerdict> Skipped => Verdicts.Where(v => v.Role == SlotRole.Skipped);

    public SlotVerdict For(string slotId) => Verdicts.First(v => v.Slot.SlotId == slotId);

    /// <summary>
    /// What the device's log must record: each slot interrupted while on air, and each slot skipped. Slots that
    /// merely wait their turn are not logged.
    /// </summary>
    public IReadOnlyList<PreemptionLogEntry> LogEntries(string deviceId, DateTimeOffset at) => Verdicts
        .Where(v => v.Role == SlotRole.Skipped || (v.Role == SlotRole.Preempted && v.Slot.OnAir))
        .Select(v => new PreemptionLogEntry(deviceId, at, v.Slot.SlotId, v.HeldBy!, v.Reason, v.Slot.Preemption, v.Role, v.Position, v.Slot.OnAir))
        .ToArray();
}
