namespace InfoRadio.DeviceAgent.Link;

/// <summary>
/// Exponential backoff with full jitter: attempt n waits a uniformly random time between 0 and
/// <c>min(max, min · 2ⁿ)</c>. The jitter spreads a whole province of boxes reconnecting after a broker restart.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan minDelay, TimeSpan maxDelay, Random random)
{
    public TimeSpan Cap(int attempt)
    {
        // 2^30 × any sane minimum already exceeds every sane maximum; the clamp avoids overflow.
        var factor = Math.Pow(2, Math.Clamp(attempt, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, minDelay.Ticks * factor));
    }

    public TimeSpan Next(int attempt) => TimeSpan.FromTicks((long)(random.NextDouble() * Cap(attempt).Ticks));
}
