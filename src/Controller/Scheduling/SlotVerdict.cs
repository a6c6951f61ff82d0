namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Arbitration's answer for one slot. <see cref="Position"/> is where it plays from when it has the air: what it
/// already played if it continues or resumes, zero if it restarts. <see cref="HeldBy"/> is the slot that holds the air.
/// </summary>
public sealed record SlotVerdict(ArbitrationCandidate Slot, SlotRole Role, VerdictReason Reason, TimeSpan Position, string? HeldBy);
