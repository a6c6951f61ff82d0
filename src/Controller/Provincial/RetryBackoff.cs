namespace InfoRadio.Controller.Provincial;

/// <summary>Exponential backoff with jitter, pure: the caller passes a random number in [0, 1).</summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait after the <paramref name="attempt"/>-th failed attempt (1 = the first): initial × 2^(attempt-1), capped
    /// at <paramref name="max"/>, then scaled into [½, 1] by <paramref name="random"/> so that many controllers that lost
    /// the province at once do not all come back in the same second ("equal jitter").
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 40);
        var capped = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var scale = 0.5 + 0.5 * Math.Clamp(random, 0, 1);
        return TimeSpan.FromMilliseconds(capped * scale);
    }
}
