using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Emergency;

public sealed class EmergencyReach_Tests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
    private readonly EmergencyOptions _options = new() { RetryWindowSeconds = 60, MaxRetriesPerDevice = 2 };

    /// <summary>Speakers a and b online, c offline; the first airing b1 to a and b; it airs for 20 s.</summary>
    private EmergencyRecord Open()
    {
        var record = new EmergencyRecord
        {
            Id = "em1", RequestedAt = _time.GetUtcNow(), AiringEndsAt = _time.GetUtcNow().AddSeconds(20), State = EmergencyState.Active,
            BroadcastId = "b1",
        };
        EmergencyReach.Open(record, ["a", "b", "c"], id => id != "c");
        foreach (var row in record.Devices.Where(d => d.OnlineAtStart)) row.BroadcastId = "b1";
        return record;
    }

    private static EmergencyDevice Row(EmergencyRecord r, string id) => r.Devices.Single(d => d.DeviceId == id);

    private DeviceDeliveryView Delivery(string id, DeliveryStatus status, double startedAfterMs = 0, string? reason = null) =>
        new(id, status, status is DeliveryStatus.Pending or DeliveryStatus.Failed ? null : _time.GetUtcNow().AddMilliseconds(startedAfterMs),
            status is DeliveryStatus.Finished or DeliveryStatus.Failed ? _time.GetUtcNow() : null, 0, reason);

    [Fact]
    public void Speakers_online_at_the_request_are_pending_and_the_others_offline()
    {
        var r = Open();
        Assert.Equal([EmergencyDeviceStatus.Pending, EmergencyDeviceStatus.Pending, EmergencyDeviceStatus.Offline], r.Devices.Select(d => d.Status));
        Assert.Equal([true, true, false], r.Devices.Select(d => d.OnlineAtStart));
        Assert.Equal("offline at the request", Row(r, "c").Reason);
        var counts = EmergencyCounts.Of(r.Devices);
        Assert.Equal((3, 2, 0, 3, 1), (counts.Targeted, counts.OnlineAtStart, counts.Reached, counts.NotReached, counts.Offline));
    }

    [Fact]
    public void Play_started_marks_reached_with_the_time_after_the_request_and_finished_keeps_it()
    {
        var r = Open();
        _time.Advance(TimeSpan.FromMilliseconds(740));
        Assert.True(EmergencyReach.ApplyDelivery(r, Row(r, "a"), "b1", Delivery("a", DeliveryStatus.Playing)));
        Assert.Equal(EmergencyDeviceStatus.Playing, Row(r, "a").Status);
        Assert.Equal(740, Row(r, "a").ReachedMs);
        Assert.False(EmergencyReach.ApplyDelivery(r, Row(r, "a"), "b1", Delivery("a", DeliveryStatus.Playing)), "nothing new");

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(EmergencyReach.ApplyDelivery(r, Row(r, "a"), "b1", Delivery("a", DeliveryStatus.Finished, startedAfterMs: -20_000)));
        Assert.Equal(EmergencyDeviceStatus.Finished, Row(r, "a").Status);
        Assert.Equal(740, Row(r, "a").ReachedMs); // the first reach stays
        var counts = EmergencyCounts.Of(r.Devices);
        Assert.Equal((1, 1, 740L), (counts.Reached, counts.Finished, counts.ReachMaxMs));
    }

    [Fact]
    public void A_play_event_read_after_the_broadcast_gave_up_still_counts_the_speaker_reached_and_finished()
    {
        var r = Open();
        var a = Row(r, "a");
        _time.Advance(TimeSpan.FromSeconds(30));
        // The broadcast's grace ran out before the controller read the speaker's reports.
        Assert.True(EmergencyReach.ApplyDelivery(r, a, "b1", Delivery("a", DeliveryStatus.Failed, reason: "the speaker sent no play-finished report")));
        Assert.Null(a.ReachedAt);
        Assert.True(EmergencyReach.ApplyEvent(r, a, "b1", DeviceEventType.PlayStarted, _time.GetUtcNow()));
        Assert.Equal(30_000, a.ReachedMs);
        Assert.True(EmergencyReach.ApplyEvent(r, a, "b1", DeviceEventType.PlayFinished, _time.GetUtcNow()));
        Assert.Equal(EmergencyDeviceStatus.Finished, a.Status);
        Assert.False(EmergencyReach.ApplyEvent(r, a, "b1", DeviceEventType.PlayFinished, _time.GetUtcNow()), "nothing new");
        Assert.False(EmergencyReach.ApplyEvent(r, Row(r, "b"), "other", DeviceEventType.PlayStarted, _time.GetUtcNow()), "not its attempt");
        Assert.False(EmergencyReach.ApplyEvent(r, Row(r, "b"), "b1", DeviceEventType.Underrun, _time.GetUtcNow()));
    }

    [Fact]
    public void A_delivery_of_another_broadcast_than_the_current_attempt_is_ignored()
    {
        var r = Open();
        Assert.False(EmergencyReach.ApplyDelivery(r, Row(r, "a"), "other", Delivery("a", DeliveryStatus.Finished)));
        Assert.Equal(EmergencyDeviceStatus.Pending, Row(r, "a").Status);
    }

    [Fact]
    public void A_speaker_offline_at_the_request_is_retried_when_it_comes_online_within_the_window()
    {
        var r = Open();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(EmergencyReach.ShouldRetry(r, Row(r, "c"), _time.GetUtcNow(), _options));
        EmergencyReach.BeginRetry(Row(r, "c"), "b2");
        Assert.Equal((EmergencyDeviceStatus.Pending, 1, "b2"), (Row(r, "c").Status, Row(r, "c").Retries, Row(r, "c").BroadcastId));
        Assert.False(EmergencyReach.ShouldRetry(r, Row(r, "c"), _time.GetUtcNow(), _options), "an attempt is under way");

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(EmergencyReach.ApplyDelivery(r, Row(r, "c"), "b2", Delivery("c", DeliveryStatus.Playing)));
        Assert.Equal(6000, Row(r, "c").ReachedMs);
    }

    [Fact]
    public void The_retry_window_closes_a_configured_time_after_the_airing_ends()
    {
        var r = Open();
        _time.Advance(TimeSpan.FromSeconds(20 + 60)); // the airing's end plus the window: still open
        Assert.True(EmergencyReach.ShouldRetry(r, Row(r, "c"), _time.GetUtcNow(), _options));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(EmergencyReach.ShouldRetry(r, Row(r, "c"), _time.GetUtcNow(), _options));
    }

    [Fact]
    public void A_speaker_that_drops_while_playing_is_withdrawn_then_retried_until_its_retries_run_out()
    {
        var r = Open();
        var a = Row(r, "a");
        EmergencyReach.ApplyDelivery(r, a, "b1", Delivery("a", DeliveryStatus.Playing));
        Assert.Equal("b1", EmergencyReach.MarkOffline(a));
        Assert.Equal((EmergencyDeviceStatus.Dropped, "went offline while playing"), (a.Status, a.Reason));
        Assert.Null(EmergencyReach.MarkOffline(a)); // already withdrawn
        // The withdrawal fails the old delivery: it must not overwrite the row.
        Assert.False(EmergencyReach.ApplyDelivery(r, a, "b1", Delivery("a", DeliveryStatus.Failed, reason: "withdrawn")));

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.True(EmergencyReach.ShouldRetry(r, a, _time.GetUtcNow(), _options));
            EmergencyReach.BeginRetry(a, "r" + attempt);
            Assert.Equal("r" + attempt, EmergencyReach.MarkOffline(a));
        }
        Assert.False(EmergencyReach.ShouldRetry(r, a, _time.GetUtcNow(), _options), "MaxRetriesPerDevice reached");
        Assert.NotNull(a.ReachedAt); // it was reached once, whatever happened after
    }

    [Fact]
    public void A_failed_airing_of_a_speaker_that_stays_online_is_not_retried_but_is_after_it_was_away()
    {
        var r = Open();
        var b = Row(r, "b");
        Assert.True(EmergencyReach.ApplyDelivery(r, b, "b1", Delivery("b", DeliveryStatus.Failed, reason: "interrupted: sink failed")));
        Assert.False(EmergencyReach.ShouldRetry(r, b, _time.GetUtcNow(), _options));
        Assert.Null(EmergencyReach.MarkOffline(b));
        Assert.Equal(EmergencyDeviceStatus.Dropped, b.Status);
        Assert.True(EmergencyReach.ShouldRetry(r, b, _time.GetUtcNow(), _options));
    }

    [Fact]
    public void It_is_over_when_everyone_finished_or_when_the_window_closed_with_nothing_under_way()
    {
        var r = Open();
        Assert.False(EmergencyReach.IsOver(r, _time.GetUtcNow(), _options));
        foreach (var id in new[] { "a", "b" }) EmergencyReach.ApplyDelivery(r, Row(r, id), "b1", Delivery(id, DeliveryStatus.Finished));
        Assert.False(EmergencyReach.IsOver(r, _time.GetUtcNow(), _options), "c may still come back");
        _time.Advance(TimeSpan.FromSeconds(81));
        Assert.True(EmergencyReach.IsOver(r, _time.GetUtcNow(), _options));

        EmergencyReach.BeginRetry(Row(r, "c"), "b2");
        Assert.False(EmergencyReach.IsOver(r, _time.GetUtcNow(), _options), "an attempt under way finishes first");
        EmergencyReach.ApplyDelivery(r, Row(r, "c"), "b2", Delivery("c", DeliveryStatus.Finished));
        Assert.True(EmergencyReach.IsOver(r, _time.GetUtcNow(), _options));
    }

    [Fact]
    public void Closing_marks_what_is_still_open_and_keeps_what_was_reached()
    {
        var r = Open();
        EmergencyReach.ApplyDelivery(r, Row(r, "a"), "b1", Delivery("a", DeliveryStatus.Playing));
        EmergencyReach.Close(r, EmergencyState.Cancelled, "cancelled: by tester", _time.GetUtcNow());
        Assert.Equal(EmergencyState.Cancelled, r.State);
        Assert.Equal((EmergencyDeviceStatus.Failed, "cancelled: by tester"), (Row(r, "a").Status, Row(r, "a").Reason));
        Assert.NotNull(Row(r, "a").ReachedAt);
        Assert.Equal("offline for the whole emergency", Row(r, "c").Reason);
        Assert.False(EmergencyReach.ShouldRetry(r, Row(r, "c"), _time.GetUtcNow(), _options), "not after it ended");
    }
}
