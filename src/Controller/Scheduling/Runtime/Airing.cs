using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// A claimed slot ready to air: its audio, the devices it is for, and the instant its first sample should sound
/// (the slot's start, or later when it starts late).
/// </summary>
public sealed record Airing(PlannedSlot Planned, ProgramAudio Audio, IReadOnlyList<string> Devices, DateTimeOffset Start)
{
    public string Id => Planned.Slot.Key.ToString();
    public BroadcastProgram Program => Planned.Program;
    public TimeSpan Length => Audio.Duration;

    public ArbitrationCandidate Candidate(TimeSpan played, bool onAir) =>
        ArbitrationCandidate.Of(Planned.Slot, Planned.Program, Planned.Schedule) with { Played = played, OnAir = onAir };
}
