using InfoRadio.DeviceAgent.Clock;

namespace InfoRadio.DeviceAgent.Tests.Clock;

public sealed class ClockSyncScheduleTests
{
    private static readonly ClockSyncSettings Settings = new()
    {
        BurstCount = 5,
        BurstSpacing = TimeSpan.FromMilliseconds(200),
        FastInterval = TimeSpan.FromSeconds(2),
        Interval = TimeSpan.FromSeconds(10),
        FastWhilePlaying = true,
    };

    [Fact]
    public void A_burst_sends_at_once_then_at_its_spacing_then_falls_back_to_the_pace()
    {
        var schedule = new ClockSyncSchedule(Settings);
        schedule.RequestBurst();
        Assert.Equal(TimeSpan.Zero, schedule.NextDelay(driftConverged: true, playing: false));
        for (var i = 0; i < 4; i++) Assert.Equal(TimeSpan.FromMilliseconds(200), schedule.NextDelay(true, false));
        Assert.False(schedule.InBurst);
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(true, false));
    }

    [Fact]
    public void The_pace_is_fast_until_the_drift_converges_and_while_a_session_plays()
    {
        var schedule = new ClockSyncSchedule(Settings);
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.NextDelay(driftConverged: false, playing: false));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.NextDelay(driftConverged: true, playing: true));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(driftConverged: true, playing: false));

        var quiet = new ClockSyncSchedule(Settings with { FastWhilePlaying = false });
        Assert.Equal(TimeSpan.FromSeconds(10), quiet.NextDelay(driftConverged: true, playing: true));
    }

    [Fact]
    public void A_new_burst_request_restarts_the_burst()
    {
        var schedule = new ClockSyncSchedule(Settings);
        schedule.RequestBurst();
        schedule.NextDelay(true, false);
        schedule.NextDelay(true, false);
        schedule.RequestBurst();
        Assert.Equal(TimeSpan.Zero, schedule.NextDelay(true, false));
        for (var i = 0; i < 4; i++) Assert.Equal(TimeSpan.FromMilliseconds(200), schedule.NextDelay(true, false));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(true, false));
    }

    [Fact]
    public void Settings_come_from_the_agent_options()
    {
        var settings = ClockSyncSettings.From(new AgentOptions { ClockSyncIntervalSeconds = 30, ClockSyncFastIntervalMs = 1_500, ClockSyncFastWhilePlaying = false });
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), settings.FastInterval);
        Assert.False(settings.FastWhilePlaying);
        // The fast pace is never slower than the steady one.
        Assert.Equal(TimeSpan.FromSeconds(1), ClockSyncSettings.From(new AgentOptions { ClockSyncIntervalSeconds = 1, ClockSyncFastIntervalMs = 5_000 }).FastInterval);
    }
}
