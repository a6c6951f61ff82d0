using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class DeliveryTracker_Tests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(7));

    private static DeviceEvent Event(DeviceEventType type, long? underruns = null, string? reason = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Type = type, AtUs = T0.ToUnixTimeMilliseconds() * 1000, Session = "s1",
        Underruns = underruns, Reason = reason,
    };

    [Fact]
    public void Started_then_finished_records_both_instants()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        Assert.True(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayStarted), T0));
        Assert.Equal(DeliveryStatus.Playing, d.Status);
        Assert.True(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayFinished), T0.AddSeconds(10)));
        Assert.Equal(DeliveryStatus.Finished, d.Status);
        Assert.Equal(T0, d.StartedAt);
        Assert.Equal(T0.AddSeconds(10), d.FinishedAt);
    }

    [Fact]
    public void Finished_without_started_still_counts_and_sets_start()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        Assert.True(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayFinished), T0));
        Assert.Equal(DeliveryStatus.Finished, d.Status);
        Assert.Equal(T0, d.StartedAt);
    }

    [Fact]
    public void A_settled_delivery_never_changes_again()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        DeliveryTracker.Apply(d, Event(DeviceEventType.PlayFinished), T0);
        Assert.False(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayStarted), T0.AddSeconds(1)));
        Assert.False(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayInterrupted, reason: "late"), T0.AddSeconds(1)));
        Assert.Equal(DeliveryStatus.Finished, d.Status);
        Assert.Null(d.Reason);
    }

    [Fact]
    public void Interrupted_fails_with_the_speakers_reason()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        DeliveryTracker.Apply(d, Event(DeviceEventType.PlayStarted), T0);
        Assert.True(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayInterrupted, reason: "preempted"), T0.AddSeconds(2)));
        Assert.Equal(DeliveryStatus.Failed, d.Status);
        Assert.Equal("interrupted: preempted", d.Reason);
    }

    [Fact]
    public void Underrun_counts_only_grow()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        // Counted, but no status change: nothing to store for it.
        Assert.False(DeliveryTracker.Apply(d, Event(DeviceEventType.Underrun, underruns: 5), T0));
        Assert.False(DeliveryTracker.Apply(d, Event(DeviceEventType.Underrun, underruns: 3), T0));
        Assert.Equal(5, d.Underruns);
        Assert.Equal(DeliveryStatus.Pending, d.Status);
    }

    [Fact]
    public void Second_started_does_not_move_the_start_instant()
    {
        var d = new DeviceDelivery { DeviceId = "a" };
        DeliveryTracker.Apply(d, Event(DeviceEventType.PlayStarted), T0);
        Assert.False(DeliveryTracker.Apply(d, Event(DeviceEventType.PlayStarted), T0.AddSeconds(3)));
        Assert.Equal(T0, d.StartedAt);
    }

    [Fact]
    public void Fail_unsettled_touches_only_open_deliveries_and_gives_each_its_reason()
    {
        var done = new DeviceDelivery { DeviceId = "done", Status = DeliveryStatus.Finished };
        var open = new DeviceDelivery { DeviceId = "open", Status = DeliveryStatus.Playing };
        var never = new DeviceDelivery { DeviceId = "never" };
        DeliveryTracker.FailUnsettled([done, open, never], id => "reason of " + id);
        Assert.Equal(DeliveryStatus.Finished, done.Status);
        Assert.Null(done.Reason);
        Assert.Equal(DeliveryStatus.Failed, open.Status);
        Assert.Equal("reason of open", open.Reason);
        Assert.Equal("reason of never", never.Reason);
    }

    [Fact]
    public void Final_state_is_finished_when_any_speaker_finished_else_failed()
    {
        Assert.Equal(BroadcastState.Finished, DeliveryTracker.FinalState([
            new DeviceDelivery { Status = DeliveryStatus.Failed }, new DeviceDelivery { Status = DeliveryStatus.Finished }]));
        Assert.Equal(BroadcastState.Failed, DeliveryTracker.FinalState([new DeviceDelivery { Status = DeliveryStatus.Failed }]));
        Assert.Equal(BroadcastState.Failed, DeliveryTracker.FinalState([]));
    }

    [Fact]
    public void All_settled_only_when_every_delivery_is_finished_or_failed()
    {
        Assert.False(DeliveryTracker.AllSettled([new DeviceDelivery { Status = DeliveryStatus.Finished }, new DeviceDelivery { Status = DeliveryStatus.Playing }]));
        Assert.True(DeliveryTracker.AllSettled([new DeviceDelivery { Status = DeliveryStatus.Finished }, new DeviceDelivery { Status = DeliveryStatus.Failed }]));
    }
}
