namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// A line of a device's preemption log: at <see cref="At"/>, slot <see cref="SlotId"/> lost the air (or never got
/// it) to <see cref="By"/>, and its policy made it resume at <see cref="Position"/>, restart, or be skipped.
/// </summary>
public sealed record PreemptionLogEntry(
    string DeviceId,
    DateTimeOffset At,
    string SlotId,
    string By,
    VerdictReason Reason,
    PreemptionPolicy Policy,
    SlotRole Role,
    TimeSpan Position,
    bool WasOnAir);
