namespace InfoRadio.DeviceAgent.Clock;

/// <summary>When the agent asks the controller for the time; filled from <see cref="AgentOptions"/>.</summary>
internal sealed record ClockSyncSettings
{
    /// <summary>Requests sent after every connect, so playout can start at once with a fair estimate.</summary>
    public int BurstCount { get; init; } = 5;

    public TimeSpan BurstSpacing { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Spacing until the drift is known (and, when <see cref="FastWhilePlaying"/>, while a session plays).</summary>
    public TimeSpan FastInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Spacing once the drift is known and nothing plays.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sync at the fast pace while a session plays: the offset's precision grows with the number of exchanges,
    /// and next to the audio stream (32 kbit/s) one small exchange every 2 s costs a few per cent.
    /// </summary>
    public bool FastWhilePlaying { get; init; } = true;

    public static ClockSyncSettings From(AgentOptions options) => new()
    {
        Interval = TimeSpan.FromSeconds(options.ClockSyncIntervalSeconds),
        FastInterval = TimeSpan.FromMilliseconds(Math.Min(options.ClockSyncFastIntervalMs, options.ClockSyncIntervalSeconds * 1000)),
        FastWhilePlaying = options.ClockSyncFastWhilePlaying,
    };
}
