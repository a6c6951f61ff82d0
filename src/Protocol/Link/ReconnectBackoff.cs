namespace InfoRadio.Protocol.Link;

/// <summary>
/// Delay before reconnect attempt <c>n</c> (0-based), as protocol.md section 16 recommends for every client:
/// exponential from <see cref="Initial"/> up to <see cref="Max"/>, with "equal jitter" (a random point in the
/// upper half of each step) so that a province of speakers cut off together does not retry in lockstep, while
/// every wait still grows.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    public static ReconnectBackoff Default => new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));

    /// <summary>Upper bound of attempt <paramref name="attempt"/>'s delay.</summary>
    public TimeSpan Cap(int attempt)
    {
        // 2^30 × any sane initial delay already exceeds every sane maximum; the clamp avoids overflow.
        var ceiling = Initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ceiling, Max.TotalMilliseconds));
    }

    public TimeSpan Delay(int attempt)
    {
        var ceiling = Cap(attempt).TotalMilliseconds;
        return TimeSpan.FromMilliseconds(ceiling / 2 + _random.NextDouble() * ceiling / 2);
    }
}
