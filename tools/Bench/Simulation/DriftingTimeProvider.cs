namespace InfoRadio.Bench.Simulation;

/// <summary>
/// A device's clock in a simulation: <c>true time × (1 + drift) + offset</c>, for the wall clock and the monotonic
/// timestamp alike (the box's one oscillator). Timers are not offered: the simulation drives every tick itself.
/// </summary>
public sealed class DriftingTimeProvider(VirtualTime time, DateTimeOffset origin, double driftPpm, double offsetUs) : TimeProvider
{
    public double DriftPpm => driftPpm;
    public double OffsetUs => offsetUs;

    /// <summary>Device clock reading (µs since <c>origin</c>) at true time <paramref name="trueUs"/>.</summary>
    public double DeviceUsAt(double trueUs) => trueUs * (1 + driftPpm * 1e-6) + offsetUs;

    /// <summary>True time at which the device clock reads <paramref name="deviceUs"/> (µs since <c>origin</c>).</summary>
    public double TrueUsAt(double deviceUs) => (deviceUs - offsetUs) / (1 + driftPpm * 1e-6);

    /// <summary>Device-clock µs since <c>origin</c> of a unix µs reading of this clock.</summary>
    public double SinceOrigin(long unixUs) => unixUs - (origin.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10.0;

    public override DateTimeOffset GetUtcNow() => origin.AddTicks((long)Math.Round(DeviceUsAt(time.NowUs) * 10));
    public override long GetTimestamp() => (long)Math.Round(time.NowUs * (1 + driftPpm * 1e-6) * 10);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("the simulation drives its agents' ticks itself");
}
