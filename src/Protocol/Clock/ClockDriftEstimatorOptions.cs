namespace InfoRadio.Protocol.Clock;

/// <summary>Knobs of <see cref="ClockDriftEstimator"/>; the defaults suit a crystal-clocked box on a 4G or wired link.</summary>
public sealed record ClockDriftEstimatorOptions
{
    /// <summary>Samples older than this (device time, relative to the newest) are forgotten: drift wanders with temperature.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many samples are kept (the oldest go first).</summary>
    public int MaxSamples { get; init; } = 512;

    /// <summary>Drift believed before any measurement: a quartz crystal's frequency error is within about ±100 ppm.</summary>
    public double PriorDriftUncertaintyPpm { get; init; } = 100;

    /// <summary>The drift search never leaves ±this around the prior (nothing real drifts faster).</summary>
    public double MaxDriftPpm { get; init; } = 500;

    /// <summary>The drift counts as converged once its standard uncertainty is at most this.</summary>
    public double ConvergedDriftPpm { get; init; } = 2;

    /// <summary>
    /// A sample whose bounds on the offset miss the window's bounds by more than this reveals a clock step. Causality
    /// makes them overlap exactly; the margin is for timestamps taken a little off the wire.
    /// </summary>
    public TimeSpan JumpTolerance { get; init; } = TimeSpan.FromMilliseconds(5);

    internal void Validate()
    {
        if (Window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Window), Window, "the window must be positive");
        if (MaxSamples < 1) throw new ArgumentOutOfRangeException(nameof(MaxSamples), MaxSamples, "at least one sample must be kept");
        if (!(PriorDriftUncertaintyPpm > 0)) throw new ArgumentOutOfRangeException(nameof(PriorDriftUncertaintyPpm), PriorDriftUncertaintyPpm, "must be positive");
        if (!(MaxDriftPpm > 0)) throw new ArgumentOutOfRangeException(nameof(MaxDriftPpm), MaxDriftPpm, "must be positive");
        if (!(ConvergedDriftPpm > 0)) throw new ArgumentOutOfRangeException(nameof(ConvergedDriftPpm), ConvergedDriftPpm, "must be positive");
        if (JumpTolerance <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(JumpTolerance), JumpTolerance, "must be positive");
    }
}
