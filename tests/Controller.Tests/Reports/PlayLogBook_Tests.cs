using InfoRadio.Controller.Reports;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Reports;

/// <summary>The play log's pure core: each event, redeliveries, missed starts, untrustworthy clocks, silence.</summary>
public sealed class PlayLogBook_Tests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly PlayLogBook _book = new();

    private static DeviceEvent Ev(DeviceEventType type, string session, DateTimeOffset at, string? id = null, long? position = null,
        long? underruns = null, string? reason = null) => new()
    {
        Id = id ?? Guid.NewGuid().ToString("N"), Type = type, Session = session, AtUs = at.ToUnixTimeMilliseconds() * 1000,
        Position = position, Underruns = underruns, Reason = reason,
    };

    [Fact]
    public void Started_then_finished_is_one_finished_play_at_the_speakers_times()
    {
        var started = Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0), T0.AddMilliseconds(300)));
        Assert.Equal((PlayEnding.Playing, T0, "s1:d1"), (started.Ending, started.StartedAt, started.Id));
        var finished = Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayFinished, "s1", T0.AddMinutes(3)), T0.AddMinutes(3).AddSeconds(1)));
        Assert.Same(started, finished);
        Assert.Equal((PlayEnding.Finished, T0.AddMinutes(3)), (finished.Ending, finished.EndedAt));
        Assert.Equal(0, _book.OpenCount);
    }

    [Fact]
    public void A_redelivered_event_and_events_after_the_end_change_nothing()
    {
        var start = Ev(DeviceEventType.PlayStarted, "s1", T0, id: "e1");
        Assert.Single(_book.Apply("d1", start, T0));
        Assert.Empty(_book.Apply("d1", start, T0.AddSeconds(5)));
        Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayInterrupted, "s1", T0.AddMinutes(1), reason: "removed from desired state"), T0.AddMinutes(1)));
        Assert.Empty(_book.Apply("d1", Ev(DeviceEventType.PlayFinished, "s1", T0.AddMinutes(2)), T0.AddMinutes(2)));
        Assert.Empty(_book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0.AddMinutes(3)), T0.AddMinutes(3)));
    }

    [Fact]
    public void A_finish_without_its_start_dates_the_start_back_by_the_position()
    {
        // 30 s of 48 kHz samples sounded before the finish the controller did see.
        var entry = Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayFinished, "s1", T0, position: 30 * 48_000), T0));
        Assert.Equal((T0.AddSeconds(-30), T0, PlayEnding.Finished), (entry.StartedAt, entry.EndedAt, entry.Ending));
    }

    [Fact]
    public void A_new_session_drops_the_open_play_the_speaker_never_ended()
    {
        _book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0), T0);
        var changed = _book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s2", T0.AddMinutes(1)), T0.AddMinutes(1));
        Assert.Equal(2, changed.Count);
        Assert.Equal((PlayEnding.Dropped, T0.AddMinutes(1)), (changed[0].Ending, changed[0].EndedAt));
        Assert.Contains("s2", changed[0].EndReason);
        Assert.Equal(PlayEnding.Playing, changed[1].Ending);
    }

    [Fact]
    public void Going_offline_drops_the_open_play_there_and_other_speakers_are_untouched()
    {
        _book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0), T0);
        _book.Apply("d2", Ev(DeviceEventType.PlayStarted, "s1", T0), T0);
        var dropped = Assert.Single(_book.DeviceOffline("d1", T0.AddMinutes(2)));
        Assert.Equal(("d1", PlayEnding.Dropped, T0.AddMinutes(2)), (dropped.DeviceId, dropped.Ending, dropped.EndedAt));
        Assert.Empty(_book.DeviceOffline("d1", T0.AddMinutes(3)));
        Assert.Equal(1, _book.OpenCount);
    }

    [Fact]
    public void Underruns_ride_along_and_are_kept_with_the_end()
    {
        _book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0), T0);
        Assert.Empty(_book.Apply("d1", Ev(DeviceEventType.Underrun, "s1", T0.AddSeconds(10), underruns: 4), T0.AddSeconds(10)));
        var end = Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayFinished, "s1", T0.AddMinutes(1)), T0.AddMinutes(1)));
        Assert.Equal(4, end.Underruns);
    }

    [Fact]
    public void A_clock_far_ahead_or_behind_is_replaced_by_the_arrival_time()
    {
        var arrival = T0.AddMinutes(10);
        Assert.Equal(arrival, PlayLogBook.EventTime(Ev(DeviceEventType.PlayStarted, "s", arrival.AddMinutes(1)), arrival));
        Assert.Equal(arrival, PlayLogBook.EventTime(Ev(DeviceEventType.PlayStarted, "s", arrival.AddDays(-3)), arrival));
        // Queued through a two-hour outage: believed.
        Assert.Equal(arrival.AddHours(-2), PlayLogBook.EventTime(Ev(DeviceEventType.PlayStarted, "s", arrival.AddHours(-2)), arrival));
    }

    [Fact]
    public void An_end_before_the_start_is_clamped_to_the_start()
    {
        _book.Apply("d1", Ev(DeviceEventType.PlayStarted, "s1", T0), T0);
        var entry = Assert.Single(_book.Apply("d1", Ev(DeviceEventType.PlayInterrupted, "s1", T0.AddSeconds(-1)), T0));
        Assert.Equal(T0, entry.EndedAt);
    }
}
