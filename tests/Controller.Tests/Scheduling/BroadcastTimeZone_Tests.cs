using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Tests.Scheduling;

public sealed class BroadcastTimeZone_Tests
{
    [Theory]
    [InlineData(2025, 1, 1, 0, 0)]
    [InlineData(2025, 3, 30, 2, 30)]   // Europe's spring-forward night: nothing happens in Vietnam
    [InlineData(2025, 10, 26, 2, 30)]
    [InlineData(2031, 7, 15, 23, 59)]
    [InlineData(2000, 1, 1, 0, 0)]
    public void Local_time_is_always_utc_plus_seven(int y, int m, int d, int h, int min)
    {
        var local = new DateTime(y, m, d, h, min, 0, DateTimeKind.Unspecified);
        var instant = BroadcastTimeZone.ToInstant(local);
        Assert.Equal(TimeSpan.FromHours(7), instant.Offset);
        Assert.Equal(local.AddHours(-7), instant.UtcDateTime);
        Assert.Equal(local, BroadcastTimeZone.ToLocal(instant));
        Assert.Equal(DateTimeKind.Unspecified, BroadcastTimeZone.ToLocal(instant).Kind);
    }

    [Fact]
    public void The_kind_of_the_local_value_does_not_shift_it()
    {
        var unspecified = new DateTime(2025, 6, 1, 7, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(BroadcastTimeZone.ToInstant(unspecified), BroadcastTimeZone.ToInstant(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc)));
        Assert.Equal(BroadcastTimeZone.ToInstant(unspecified), BroadcastTimeZone.ToInstant(DateTime.SpecifyKind(unspecified, DateTimeKind.Local)));
    }

    [Fact]
    public void Instants_from_any_offset_map_to_vietnam_wall_clock()
    {
        var utcMidnight = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTime(2025, 1, 1, 7, 0, 0), BroadcastTimeZone.ToLocal(utcMidnight));
        var paris = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTime(2025, 7, 1, 14, 0, 0), BroadcastTimeZone.ToLocal(paris));
    }

    [Theory]
    [InlineData("Asia/Ho_Chi_Minh", true)]
    [InlineData("/Asia/Ho_Chi_Minh", true)]
    [InlineData("asia/saigon", true)]
    [InlineData("SE Asia Standard Time", true)]
    [InlineData("Etc/GMT-7", true)]
    [InlineData("Etc/GMT+7", false)]
    [InlineData("Asia/Bangkok", false)]
    [InlineData("Europe/Paris", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Recognises_the_names_of_the_zone(string? id, bool expected) =>
        Assert.Equal(expected, BroadcastTimeZone.IsThisZone(id));

    [Fact]
    public void Local_times_must_be_whole_seconds_within_range()
    {
        Assert.Null(BroadcastTimeZone.CheckLocal(new DateTime(2025, 1, 1, 7, 0, 0), "start"));
        Assert.Contains("whole second", BroadcastTimeZone.CheckLocal(new DateTime(2025, 1, 1, 7, 0, 0).AddMilliseconds(5), "start"));
        Assert.Contains("between the years", BroadcastTimeZone.CheckLocal(new DateTime(1975, 4, 30), "start"));
        Assert.Contains("between the years", BroadcastTimeZone.CheckLocal(new DateTime(2300, 1, 1), "start"));
    }
}
