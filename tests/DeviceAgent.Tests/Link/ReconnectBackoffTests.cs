using InfoRadio.DeviceAgent.Link;

namespace InfoRadio.DeviceAgent.Tests.Link;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_cap_doubles_per_attempt_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Cap(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), backoff.Cap(1));
        Assert.Equal(TimeSpan.FromMilliseconds(16_000), backoff.Cap(5));
        Assert.Equal(Max, backoff.Cap(6));
        Assert.Equal(Max, backoff.Cap(1_000));
    }

    [Fact]
    public void Delays_are_spread_over_the_whole_range_below_the_cap()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(1));
        var delays = Enumerable.Range(0, 2_000).Select(_ => backoff.Next(10)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, Max));
        Assert.Contains(delays, d => d < TimeSpan.FromSeconds(3));
        Assert.Contains(delays, d => d > TimeSpan.FromSeconds(27));
        Assert.InRange(delays.Average(d => d.TotalSeconds), 13, 17);
    }
}
