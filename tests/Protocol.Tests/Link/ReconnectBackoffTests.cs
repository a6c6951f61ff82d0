using InfoRadio.Protocol.Link;

namespace InfoRadio.Protocol.Tests.Link;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_within_the_upper_half_of_each_step_and_stop_at_the_maximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new Random(42));

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt), 5000);
            var delay = backoff.Delay(attempt).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Delays_are_jittered_so_clients_do_not_retry_in_lockstep()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), new Random(7));
        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(4)).Distinct().Count();
        Assert.True(delays > 40, $"only {delays} distinct delays out of 50");
    }

    [Fact]
    public void Negative_and_huge_attempt_numbers_are_safe()
    {
        var backoff = ReconnectBackoff.Default;
        Assert.InRange(backoff.Delay(-5), TimeSpan.FromMilliseconds(125), TimeSpan.FromMilliseconds(250));
        Assert.InRange(backoff.Delay(int.MaxValue), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_cap_doubles_per_attempt_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new Random(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Cap(0));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), backoff.Cap(1));
        Assert.Equal(TimeSpan.FromMilliseconds(16_000), backoff.Cap(5));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Cap(6));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Cap(1_000));
    }
}
