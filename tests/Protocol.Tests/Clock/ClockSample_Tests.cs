using InfoRadio.Protocol.Clock;

namespace InfoRadio.Protocol.Tests.Clock;

public class ClockSample_Tests
{
    private const long T = 1_767_225_600_000_000;

    [Theory]
    // Same clocks, 10 ms each way, 1 ms in the controller: offset 0, round trip 20 ms.
    [InlineData(T, T + 10_000, T + 11_000, T + 21_000, 0, 20_000)]
    // Controller 5 s ahead, symmetric 10 ms legs.
    [InlineData(T, T + 5_010_000, T + 5_011_000, T + 21_000, 5_000_000, 20_000)]
    // Controller 5 s behind (negative offset).
    [InlineData(T, T - 4_990_000, T - 4_989_000, T + 21_000, -5_000_000, 20_000)]
    // Device clock never set (near 0): offset is the controller's whole unix time.
    [InlineData(1_000_000, T + 10_000, T + 10_000, 1_020_000, T - 1_000_000, 20_000)]
    // Zero processing and zero network: round trip 0.
    [InlineData(T, T, T, T, 0, 0)]
    public void Offset_and_round_trip_of_known_exchanges(long t0, long t1, long t2, long t3, long offset, long roundTrip)
    {
        var sample = new ClockSample(t0, t1, t2, t3);
        Assert.Equal(offset, sample.OffsetUs);
        Assert.Equal(roundTrip, sample.RoundTripUs);
        Assert.True(sample.IsPlausible);
    }

    [Fact]
    public void An_asymmetric_path_errs_by_half_the_asymmetry()
    {
        // True offset 0; 30 ms up, 10 ms down. NTP's estimate is off by (30 - 10) / 2 = 10 ms, within RTT / 2.
        var sample = new ClockSample(T, T + 30_000, T + 30_000, T + 40_000);
        Assert.Equal(10_000, sample.OffsetUs);
        Assert.Equal(40_000, sample.RoundTripUs);
        Assert.True(Math.Abs(sample.OffsetUs - 0) <= sample.RoundTripUs / 2);
    }

    [Fact]
    public void An_asymmetric_path_with_a_negative_offset()
    {
        // Controller 2 s behind; 4 ms up, 16 ms down, 1 ms processing: estimate = -2 s + (4 - 16) / 2 ms.
        var sample = new ClockSample(T, T - 2_000_000 + 4_000, T - 2_000_000 + 5_000, T + 21_000);
        Assert.Equal(-2_006_000, sample.OffsetUs);
        Assert.Equal(20_000, sample.RoundTripUs);
    }

    [Theory]
    [InlineData(0, 2, 2, 3, 0)] // (2 + -1) / 2 = 0.5 -> 0
    [InlineData(0, 0, 0, 3, -1)] // (0 + -3) / 2 = -1.5 -> -1, not -2
    [InlineData(0, 5, 5, 3, 3)] // (5 + 2) / 2 = 3.5 -> 3
    public void The_offset_truncates_toward_zero_like_C_integer_division(long t0, long t1, long t2, long t3, long offset) =>
        Assert.Equal(offset, new ClockSample(t0, t1, t2, t3).OffsetUs);

    [Fact]
    public void The_midpoint_is_halfway_between_send_and_receive_on_the_device_clock()
    {
        Assert.Equal(T + 10_000, new ClockSample(T, 0, 0, T + 20_000).DeviceMidpointUs);
        Assert.Equal(T + 10_000, new ClockSample(T, 5, 9, T + 20_001).DeviceMidpointUs);
    }

    [Theory]
    [InlineData(T, T + 10, T + 20, T - 1)] // reply received before the request was sent
    [InlineData(T, T + 20, T + 10, T + 30)] // controller replied before it received
    [InlineData(T, T, T + 50, T + 10)] // controller held it longer than the whole round trip
    public void Rejects_exchanges_no_real_network_can_produce(long t0, long t1, long t2, long t3) =>
        Assert.False(new ClockSample(t0, t1, t2, t3).IsPlausible);
}
