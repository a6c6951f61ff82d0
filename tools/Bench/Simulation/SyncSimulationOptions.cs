using InfoRadio.DeviceAgent.Clock;

namespace InfoRadio.Bench.Simulation;

/// <summary>What the sync simulation simulates; every knob is a command-line option of the <c>sync</c> scenario.</summary>
internal sealed record SyncSimulationOptions
{
    public int Agents { get; init; } = 20;
    public double Minutes { get; init; } = 10;

    /// <summary>How long the agents are on line before the stream starts (a speaker is normally on line for hours).</summary>
    public double WarmupSeconds { get; init; } = 900;

    public int Seed { get; init; } = 1;
    public double DriftMaxPpm { get; init; } = 100;
    public double OffsetMaxSeconds { get; init; } = 5;
    public double BaseMinMs { get; init; } = 20;
    public double BaseMaxMs { get; init; } = 300;

    /// <summary>Each agent's mean exponential jitter per direction is drawn from 1 ms to this.</summary>
    public double JitterMaxMs { get; init; } = 10;

    public double SpikeProbability { get; init; } = 0.01;
    public double SpikeMaxMs { get; init; } = 200;
    public double TickJitterMs { get; init; } = 2;
    public double SoundCardLatencyMs { get; init; } = 100;
    public ClockSyncSettings Sync { get; init; } = new();

    public static SyncSimulationOptions From(BenchArgs args)
    {
        var defaults = new SyncSimulationOptions();
        return new SyncSimulationOptions
        {
            Agents = args.Int("agents", defaults.Agents),
            Minutes = args.Double("minutes", defaults.Minutes),
            WarmupSeconds = args.Double("warmup-s", defaults.WarmupSeconds),
            Seed = args.Int("seed", defaults.Seed),
            DriftMaxPpm = args.Double("drift-ppm", defaults.DriftMaxPpm),
            OffsetMaxSeconds = args.Double("offset-s", defaults.OffsetMaxSeconds),
            BaseMinMs = args.Double("base-min-ms", defaults.BaseMinMs),
            BaseMaxMs = args.Double("base-max-ms", defaults.BaseMaxMs),
            JitterMaxMs = args.Double("jitter-ms", defaults.JitterMaxMs),
            SpikeProbability = args.Double("spike-prob", defaults.SpikeProbability),
            SpikeMaxMs = args.Double("spike-ms", defaults.SpikeMaxMs),
            Sync = new ClockSyncSettings
            {
                Interval = TimeSpan.FromSeconds(args.Double("sync-s", defaults.Sync.Interval.TotalSeconds)),
                FastInterval = TimeSpan.FromMilliseconds(args.Double("fast-ms", defaults.Sync.FastInterval.TotalMilliseconds)),
                FastWhilePlaying = bool.Parse(args.Get("fast-while-playing", defaults.Sync.FastWhilePlaying ? "true" : "false")),
            },
        };
    }
}
