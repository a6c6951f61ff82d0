namespace InfoRadio.Controller.Messaging;

/// <summary>
/// Delay before reconnect attempt <c>n</c> (0-based): exponential from <see cref="Initial"/> up to
/// <see cref="Max"/>, with "equal jitter" (a random point in the upper half) so many clients restarted together
/// do not retry in lockstep, while every wait still grows.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    public static ReconnectBackoff Default => new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));

    public TimeSpan Delay(int attempt)
    {
        var ceiling = Initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        ceiling = Math.Min(ceiling, Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + _random.NextDouble() * ceiling / 2);
    }
}
