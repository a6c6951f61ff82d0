using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// A slot that wants the air of one device at the instant of arbitration. <see cref="OnAir"/> says whether the
/// device is playing it right now and <see cref="Played"/> how much of it has aired so far (zero if it never began).
/// </summary>
public sealed record ArbitrationCandidate(
    string SlotId,
    PriorityClass Class,
    OriginLevel Origin,
    ClashPolicy ClashPolicy,
    PreemptionPolicy Preemption,
    DateTimeOffset Start)
{
    public TimeSpan Played { get; init; }
    public bool OnAir { get; init; }

    /// <summary>A scheduled slot as it competes at a device: its program's rank and policy, its schedule's clash choice.</summary>
    public static ArbitrationCandidate Of(ScheduledSlot slot, BroadcastProgram program, Schedule schedule) =>
        new(slot.Key.ToString(), program.Class, program.Origin, schedule.ClashPolicy, program.Preemption, slot.Start);
}
