namespace InfoRadio.DeviceAgent.Playback;

/// <summary>A consistent copy of the playout's state for status, telemetry and reported state.</summary>
internal readonly record struct PlayoutSnapshot(
    string? ChosenSession,
    string? PlayingSession,
    bool ToneActive,
    int DeviceVolume,
    long Underruns,
    long SessionsStarted,
    long SessionsFinished,
    long SessionsInterrupted,
    long PlaySecondsToday,
    long SamplesInserted,
    long SamplesDropped,
    long Reanchors);
