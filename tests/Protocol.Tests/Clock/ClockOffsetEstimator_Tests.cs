using InfoRadio.Protocol.Clock;

namespace InfoRadio.Protocol.Tests.Clock;

public class ClockOffsetEstimator_Tests
{
    private const long T = 1_767_225_600_000_000;

    /// <summary>An exchange at device time <paramref name="at"/> with the given true offset, legs and processing time.</summary>
    private static ClockSample Exchange(long at, long offset, long up, long down, long processing = 100) =>
        new(at, at + up + offset, at + up + offset + processing, at + up + processing + down);

    [Fact]
    public void Before_any_sample_it_is_unsynchronized_with_offset_0()
    {
        var estimator = new ClockOffsetEstimator();
        Assert.False(estimator.IsSynchronized);
        Assert.Equal(0, estimator.Count);
        Assert.Equal(0, estimator.OffsetUs);
        Assert.Null(estimator.BestRoundTripUs);
        Assert.Equal(T, estimator.ToControllerUs(T));
    }

    [Fact]
    public void One_sample_synchronizes_it()
    {
        var estimator = new ClockOffsetEstimator();
        Assert.True(estimator.Add(Exchange(T, offset: 2_000_000, up: 10_000, down: 10_000)));
        Assert.True(estimator.IsSynchronized);
        Assert.Equal(1, estimator.Count);
        Assert.Equal(2_000_000, estimator.OffsetUs);
        Assert.Equal(20_000, estimator.BestRoundTripUs);
    }

    [Fact]
    public void Picks_the_sample_with_the_lowest_round_trip()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(Exchange(T, offset: 1_000, up: 90_000, down: 10_000)); // rtt 100 ms, estimate off by 40 ms
        estimator.Add(Exchange(T + 1_000_000, offset: 1_000, up: 6_000, down: 4_000)); // rtt 10 ms, off by 1 ms
        estimator.Add(Exchange(T + 2_000_000, offset: 1_000, up: 10_000, down: 40_000)); // rtt 50 ms, off by -15 ms
        Assert.Equal(10_000, estimator.BestRoundTripUs);
        Assert.Equal(1_000 + 1_000, estimator.OffsetUs);
    }

    [Fact]
    public void On_equal_round_trips_the_older_sample_stays_best()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(Exchange(T, offset: 111, up: 5_000, down: 5_000));
        estimator.Add(Exchange(T + 1_000_000, offset: 222, up: 5_000, down: 5_000));
        Assert.Equal(111, estimator.OffsetUs);
    }

    [Fact]
    public void Negative_offsets_convert_both_ways()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(Exchange(T, offset: -3_600_000_000, up: 1_000, down: 1_000));
        Assert.Equal(-3_600_000_000, estimator.OffsetUs);
        Assert.Equal(T - 3_600_000_000, estimator.ToControllerUs(T));
        Assert.Equal(T, estimator.ToDeviceUs(T - 3_600_000_000));
        Assert.Equal(T + 42, estimator.ToDeviceUs(estimator.ToControllerUs(T + 42)));
    }

    [Fact]
    public void The_window_evicts_the_oldest_sample_even_when_it_was_the_best()
    {
        var estimator = new ClockOffsetEstimator(window: 3);
        estimator.Add(Exchange(T, offset: 7, up: 1_000, down: 1_000)); // best, rtt 2 ms
        estimator.Add(Exchange(T + 1, offset: 8, up: 5_000, down: 5_000));
        estimator.Add(Exchange(T + 2, offset: 9, up: 4_000, down: 4_000));
        Assert.Equal(7, estimator.OffsetUs);
        Assert.Equal(3, estimator.Count);

        estimator.Add(Exchange(T + 3, offset: 10, up: 6_000, down: 6_000));
        Assert.Equal(3, estimator.Count);
        Assert.Equal(9, estimator.OffsetUs); // the 2 ms sample is gone, the 8 ms one (offset 9) is best now
        Assert.Equal(8_000, estimator.BestRoundTripUs);
    }

    [Fact]
    public void The_default_window_holds_8_samples()
    {
        var estimator = new ClockOffsetEstimator();
        for (var i = 0; i < 20; i++) estimator.Add(Exchange(T + i, offset: i, up: 1_000, down: 1_000));
        Assert.Equal(8, estimator.Count);
        Assert.Equal(12, estimator.OffsetUs); // equal round trips: the oldest kept, sample 12
    }

    [Fact]
    public void A_window_of_one_follows_the_latest_sample()
    {
        var estimator = new ClockOffsetEstimator(window: 1);
        estimator.Add(Exchange(T, offset: 1, up: 1, down: 1));
        estimator.Add(Exchange(T + 1, offset: 2, up: 50_000, down: 50_000));
        Assert.Equal(1, estimator.Count);
        Assert.Equal(2, estimator.OffsetUs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_window_smaller_than_one_is_refused(int window) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockOffsetEstimator(window));

    [Fact]
    public void Rejects_implausible_samples_and_keeps_nothing_of_them()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(Exchange(T, offset: 500, up: 2_000, down: 2_000));
        Assert.False(estimator.Add(new ClockSample(T, T + 10, T + 20, T - 1)));
        Assert.False(estimator.Add(new ClockSample(T, T + 20, T + 10, T + 30)));
        Assert.False(estimator.Add(new ClockSample(T, T, T + 50, T + 10)));
        Assert.Equal(1, estimator.Count);
        Assert.Equal(500, estimator.OffsetUs);
    }

    [Fact]
    public void Reset_forgets_every_sample()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(Exchange(T, offset: 500, up: 2_000, down: 2_000));
        estimator.Reset();
        Assert.False(estimator.IsSynchronized);
        Assert.Equal(0, estimator.Count);
        Assert.Equal(0, estimator.OffsetUs);
        Assert.Null(estimator.BestRoundTripUs);
        Assert.True(estimator.Add(Exchange(T, offset: -9, up: 2_000, down: 2_000)));
        Assert.Equal(-9, estimator.OffsetUs);
    }

    [Fact]
    public void Converges_within_the_best_half_round_trip_on_a_jittery_asymmetric_link()
    {
        var random = new Random(7);
        var estimator = new ClockOffsetEstimator();
        const long trueOffset = 123_456_789;
        for (var i = 0; i < 8; i++)
            estimator.Add(Exchange(T + i * 1_000_000L, trueOffset, up: random.Next(5_000, 200_000), down: random.Next(5_000, 200_000)));
        Assert.InRange(estimator.OffsetUs, trueOffset - estimator.BestRoundTripUs!.Value / 2, trueOffset + estimator.BestRoundTripUs.Value / 2);
    }
}
