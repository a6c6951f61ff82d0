namespace InfoRadio.Controller.SoundCard;

/// <summary>How the last sound-card session ended: <see cref="Reason"/> is null when it was stopped on request.</summary>
public sealed record SoundCardEnd(string BroadcastId, DateTimeOffset At, string Kind, string? Reason);

/// <summary>What the sound card is doing: on air with a broadcast (and the arecord process feeding it), or idle.</summary>
public sealed record SoundCardState(
    bool OnAir, string Device, string? BroadcastId, string? Title, DateTimeOffset? StartedAt, int? ProcessId, SoundCardEnd? LastEnd);
