namespace InfoRadio.Testing;

/// <summary>
/// A clock set wrong on purpose: the wall clock of <paramref name="inner"/> moved by <paramref name="offset"/>;
/// timestamps and timers are the inner provider's (a box whose RTC is off runs at the same rate). Shared by every
/// test project (linked source).
/// </summary>
public sealed class OffsetTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset => offset;
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
