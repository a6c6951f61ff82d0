using InfoRadio.Controller.Provincial;

namespace InfoRadio.Controller.Tests.Provincial;

public sealed class RetryBackoff_Tests
{
    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(1, 1.0, 2.0)]
    [InlineData(2, 0.5, 3.0)]
    [InlineData(4, 1.0, 16.0)]
    [InlineData(10, 1.0, 60.0)]
    [InlineData(1000, 0.0, 30.0)]
    public void Doubles_from_the_initial_wait_up_to_the_cap_scaled_by_jitter_into_half_to_whole(int attempt, double random, double seconds) =>
        Assert.Equal(seconds, RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), random).TotalSeconds, 6);

    [Fact]
    public void Attempt_zero_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 0));
}

public sealed class FreeSlotFinder_Tests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    [Fact]
    public void With_nothing_busy_it_airs_at_the_earliest() =>
        Assert.Equal((T0, true), FreeSlotFinder.Find(T0, TimeSpan.FromMinutes(2), [], TimeSpan.FromMinutes(30)));

    [Fact]
    public void It_waits_for_what_is_on_and_skips_gaps_too_short()
    {
        BusyInterval[] busy = [new(At(-5), At(3)), new(At(4), At(10)), new(At(20), At(25))];
        // The gap 3-4 is too short for 2 minutes; 10-20 fits.
        Assert.Equal((At(10), true), FreeSlotFinder.Find(T0, TimeSpan.FromMinutes(2), busy, TimeSpan.FromMinutes(30)));
        // Busy intervals in any order, overlapping.
        BusyInterval[] shuffled = [new(At(4), At(10)), new(At(2), At(6)), new(At(-5), At(3))];
        Assert.Equal((At(10), true), FreeSlotFinder.Find(T0, TimeSpan.FromMinutes(2), shuffled, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void When_no_gap_opens_within_the_longest_wait_it_airs_at_the_earliest_over_what_is_on()
    {
        BusyInterval[] busy = [new(At(0), At(40))];
        Assert.Equal((T0, false), FreeSlotFinder.Find(T0, TimeSpan.FromMinutes(1), busy, TimeSpan.FromMinutes(30)));
        Assert.Equal((At(40), true), FreeSlotFinder.Find(T0, TimeSpan.FromMinutes(1), busy, TimeSpan.FromMinutes(45)));
    }
}
