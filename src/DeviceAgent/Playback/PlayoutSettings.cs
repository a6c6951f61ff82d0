namespace InfoRadio.DeviceAgent.Playback;

/// <summary>Knobs of the <see cref="PlayoutEngine"/>; the agent fills them from <see cref="AgentOptions"/>.</summary>
internal sealed record PlayoutSettings
{
    public int MaxConcealedFrames { get; init; } = 10;
    public int InitialVolume { get; init; } = 100;
    public int? InitialEmergencyVolume { get; init; }
    public bool UseNativeOpus { get; init; }
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// When the playout falls this far behind the timeline (a stalled process, a clock step) it skips ahead
    /// instead of bursting, so the speaker stays in step with its neighbours. Real-time sinks only.
    /// </summary>
    public TimeSpan MaxLag { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// When the playout finds itself this far from where the timeline says it should be (a clock step, a new model
    /// far from the old), it jumps: skips stream audio, or plays silence, at once. Smaller errors are corrected one
    /// sample at a time, inaudibly.
    /// </summary>
    public TimeSpan ReanchorThreshold { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Once the drift has converged, a distance this small between the playout and the clock model is left alone:
    /// the model moves by a few hundredths of a millisecond from one exchange to the next, and following that
    /// would add or drop samples for nothing. Zero follows the model to the sample.
    /// </summary>
    public TimeSpan Deadband { get; init; } = TimeSpan.FromMilliseconds(0.1);

    /// <summary>The same while the drift is still being learnt, when the model moves more and the rate is not followed.</summary>
    public TimeSpan UnconvergedDeadband { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Slack above the session latency the jitter buffer can hold (the controller may run ahead).</summary>
    public TimeSpan BufferSlack { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A session whose stream has sent nothing for this long past the last audio it delivered (the controller crashed,
    /// the broker went, the link is down) stops sounding: the take ends as interrupted and the speaker falls silent
    /// until audio of the session comes again, rather than playing silence for ever under a dead session.
    /// </summary>
    public TimeSpan StreamLostAfter { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan ToneDuration { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan UnderrunEventInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static PlayoutSettings From(AgentOptions options) => new()
    {
        MaxConcealedFrames = options.MaxConcealedFrames,
        InitialVolume = options.Volume,
        InitialEmergencyVolume = options.EmergencyVolume,
        UseNativeOpus = options.UseNativeOpus,
    };
}
