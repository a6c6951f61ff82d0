using InfoRadio.Protocol.Clock;

namespace InfoRadio.Protocol.Tests.Clock;

public class ClockModel_Tests
{
    private const long T = 1_767_225_600_000_000;

    [Fact]
    public void Without_drift_it_is_a_plain_offset()
    {
        var model = new ClockModel(T, 2_500_000, 0);
        Assert.Equal(T + 2_500_000, model.ToControllerUs(T));
        Assert.Equal(T + 3_600_000_000 + 2_500_000, model.ToControllerUs(T + 3_600_000_000));
        Assert.Equal(T, model.ToDeviceUs(T + 2_500_000));
    }

    [Fact]
    public void Drift_moves_the_offset_by_its_ppm_per_second_from_the_reference()
    {
        var model = new ClockModel(T, -1_000, 100);
        Assert.Equal(-1_000, model.OffsetAt(T));
        Assert.Equal(-1_000 + 100, model.OffsetAt(T + 1_000_000), 6); // 100 µs per second
        Assert.Equal(-1_000 - 360_000, model.OffsetAt(T - 3_600_000_000), 6); // an hour before
        Assert.Equal(T + 3_600_000_000 - 1_000 + 360_000, model.ToControllerUs(T + 3_600_000_000));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    [InlineData(-100.0)]
    [InlineData(-499.5)]
    public void Device_and_controller_time_convert_both_ways(double driftPpm)
    {
        var model = new ClockModel(T, 123_456.7, driftPpm);
        foreach (var d in new[] { T, T - 86_400_000_000, T + 7_200_000_000, T + 1 })
            Assert.InRange(model.ToDeviceUs(model.ToControllerUs(d)) - d, -1, 1);
    }

    [Fact]
    public void A_device_clock_never_set_works_with_an_offset_of_fifty_years()
    {
        var model = new ClockModel(5_000_000, T - 5_000_000, 20);
        Assert.Equal(T, model.ToControllerUs(5_000_000));
        Assert.Equal(T + 10_000_000 + 200, model.ToControllerUs(15_000_000));
        Assert.Equal(15_000_000, model.ToDeviceUs(T + 10_000_000 + 200));
    }

    [Fact]
    public void Elapsed_controller_time_keeps_the_fraction()
    {
        var model = new ClockModel(T, 0.25, 0);
        Assert.Equal(1_000_000.25, model.ControllerElapsedUs(T + 1_000_000, T), 6);
        Assert.Equal(1_000_100.25, new ClockModel(T, 0.25, 100).ControllerElapsedUs(T + 1_000_000, T), 6);
        Assert.Equal(-2_999_999.75, model.ControllerElapsedUs(T, T + 3_000_000), 6);
    }
}
