namespace InfoRadio.DeviceAgent;

/// <summary>A snapshot of a running <see cref="SpeakerAgent"/>, for in-process hosts, benchmarks and tests.</summary>
public sealed record AgentStatus
{
    /// <summary>True while the MQTT link is up and set up (online state published, subscriptions made).</summary>
    public required bool Connected { get; init; }

    /// <summary>Session whose audio is going to the sink now, or null.</summary>
    public required string? CurrentSession { get; init; }

    /// <summary>Session the desired state asks for (it may still be waiting for its first frame), or null.</summary>
    public required string? ChosenSession { get; init; }

    /// <summary>What the controller announced as scheduled next for this device, or null.</summary>
    public InfoRadio.Protocol.Messages.NextItem? Next { get; init; }

    /// <summary>Items of the play plan in force whose content is cached.</summary>
    public int CacheReady { get; init; }

    /// <summary>Items of the play plan in force whose content is not cached (yet).</summary>
    public int CacheMissing { get; init; }

    /// <summary>True when a clock sample was taken since the last clock reset (resync command, clock step).</summary>
    public required bool ClockSynchronized { get; init; }

    /// <summary>Controller minus device clock now, µs, as used by the playout.</summary>
    public required long OffsetUs { get; init; }

    /// <summary>Clock exchanges the current model rests on (the estimator's window).</summary>
    public int ClockSamples { get; init; }

    /// <summary>How much faster the controller's clock runs than the device's, ppm, as estimated.</summary>
    public double DriftPpm { get; init; }

    /// <summary>True once the drift is known well enough for the clock sync to slow down.</summary>
    public bool DriftConverged { get; init; }

    /// <summary>Clock steps (of either clock) detected since the agent started.</summary>
    public long ClockJumps { get; init; }

    /// <summary>Single samples the playout added or dropped to follow the drift, and jumps it made, since start.</summary>
    public long SamplesInserted { get; init; }
    public long SamplesDropped { get; init; }
    public long Reanchors { get; init; }

    /// <summary>Frames concealed, silenced or skipped since the agent started.</summary>
    public required long Underruns { get; init; }

    /// <summary>Inbound messages rejected since the agent started (bad topic, payload or content).</summary>
    public required long MalformedMessages { get; init; }

    /// <summary>Rejected messages per topic kind (names of <c>TopicKind</c>, or <c>UnexpectedTopic</c>).</summary>
    public required IReadOnlyDictionary<string, long> MalformedByTopic { get; init; }

    public required long SessionsStarted { get; init; }
    public required long SessionsFinished { get; init; }
    public required long SessionsInterrupted { get; init; }

    /// <summary>Device volume 0–100 (a session may force its own).</summary>
    public required int Volume { get; init; }

    /// <summary>True while muted (only an emergency sounds).</summary>
    public bool Muted { get; init; }

    /// <summary>Successful connects, and CONNECTs the broker refused (e.g. bad credentials).</summary>
    public required long Connects { get; init; }
    public required long ConnectRefusals { get; init; }

    /// <summary>
    /// Events this process produced, events waiting on disk for the broker's PUBACK, and events dropped because that
    /// queue was full.
    /// </summary>
    public long EventsProduced { get; init; }
    public long QueuedEvents { get; init; }
    public long EventsDropped { get; init; }

    /// <summary>True after a reboot command: <see cref="SpeakerAgent.RunAsync"/> has returned or is returning.</summary>
    public required bool RebootRequested { get; init; }

    /// <summary>Version of the configuration the agent applied (pushed, or stored from before a restart), or null.</summary>
    public long? ConfigVersion { get; init; }

    /// <summary>The configuration the agent applied, or null while it runs on its options alone.</summary>
    public InfoRadio.Protocol.Messages.DeviceConfig? Config { get; init; }

    /// <summary>Relay 1 (amplifier power) is on.</summary>
    public bool PowerRelay { get; init; }

    /// <summary>Relay 2 (amplifier) is on.</summary>
    public bool AmplifierRelay { get; init; }
}
