using InfoRadio.Controller.Reports;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Reports;

/// <summary>What a crash or a clean stop leaves in the play log and the online history, on a real LiteDB file.</summary>
public sealed class ReportsRestart_Tests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly ReportsWorld _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void After_a_crash_an_open_play_ends_at_its_last_event_and_an_online_interval_at_its_last_confirmation()
    {
        _w.AddDevice("d1", "1950101");
        _w.Presence("d1", true);
        _w.Broadcast("s1", "Tin", "program", ["d1"]);
        _w.Event("d1", DeviceEventType.PlayStarted, "s1");
        var started = _w.Time.GetUtcNow();
        _w.Time.Advance(TimeSpan.FromSeconds(30));
        // Too soon after the start to be written on its own…
        _w.Event("d1", DeviceEventType.Underrun, "s1", underruns: 1);
        _w.Time.Advance(TimeSpan.FromSeconds(60));
        // …this one is: a minute since the play was last stored.
        _w.Event("d1", DeviceEventType.Underrun, "s1", underruns: 2);
        var lastEvent = _w.Time.GetUtcNow();
        // The online interval is confirmed every minute from the start (at 1, 2 and 3 min); the process dies at 3:50, no stop.
        _w.Time.Advance(TimeSpan.FromSeconds(90));
        var confirmed = _w.Time.GetUtcNow();
        Assert.Equal(ReportsWorld.Midnight + OnlineHistoryRecorder.CheckInterval * 3, confirmed);
        _w.Time.Advance(TimeSpan.FromSeconds(50));
        _w.PlayRecorder.Flush();
        _w.OnlineRecorder.Flush();

        var plays = new PlayLogRecorder(_w.Plays, _w.Broadcasts, _w.Registry, _w.Time, NullLogger<PlayLogRecorder>.Instance);
        var online = new OnlineHistoryRecorder(_w.Online, _w.Registry, _w.Time, NullLogger<OnlineHistoryRecorder>.Instance);
        online.Flush();
        var play = _w.Plays.Find(PlayLogEntry.IdOf("s1", "d1"))!;
        Assert.Equal((PlayEnding.Dropped, started, lastEvent), (play.Ending, play.StartedAt, play.EndedAt));
        Assert.Equal(("Tin", 2L), (play.Title, play.Underruns));
        // The registry still says online (same process here): the new recorder opens a new interval from now.
        var intervals = _w.Online.Overlapping(T0.AddDays(-1), T0.AddDays(1));
        Assert.Equal(2, intervals.Count);
        Assert.Equal((confirmed, "controller-crashed"), (intervals[0].To, intervals[0].EndedBy));
        Assert.Null(intervals[1].To);
        plays.Dispose();
        online.Dispose();
    }

    [Fact]
    public async Task A_clean_stop_ends_open_plays_and_intervals_at_the_stop()
    {
        _w.AddDevice("d1", "1950101");
        _w.Presence("d1", true);
        _w.Event("d1", DeviceEventType.PlayStarted, "nobody-knows");
        _w.Time.Advance(TimeSpan.FromMinutes(5));
        await _w.PlayRecorder.StopAsync(CancellationToken.None);
        await _w.OnlineRecorder.StopAsync(CancellationToken.None);
        var play = _w.Plays.Find(PlayLogEntry.IdOf("nobody-knows", "d1"))!;
        Assert.Equal((PlayEnding.Dropped, PlayKinds.Unknown), (play.Ending, play.Kind));
        Assert.Equal(_w.Time.GetUtcNow(), play.EndedAt);
        var interval = Assert.Single(_w.Online.Overlapping(ReportsWorld.Midnight, ReportsWorld.Midnight.AddDays(1)));
        Assert.Equal((_w.Time.GetUtcNow(), "controller-stopped"), (interval.To, interval.EndedBy));
    }

    [Fact]
    public void Play_events_are_written_together_after_the_delay_not_on_the_receive_path()
    {
        _w.AddDevice("d1", "1950101");
        _w.AddDevice("d2", "1950101");
        _w.Event("d1", DeviceEventType.PlayStarted, "s1");
        _w.Event("d2", DeviceEventType.PlayStarted, "s1");
        Assert.Null(_w.Plays.Find(PlayLogEntry.IdOf("s1", "d1")));
        _w.Time.Advance(PlayLogRecorder.WriteDelay);
        Assert.NotNull(_w.Plays.Find(PlayLogEntry.IdOf("s1", "d1")));
        Assert.NotNull(_w.Plays.Find(PlayLogEntry.IdOf("s1", "d2")));
        Assert.Equal(2, _w.PlayRecorder.Recorded);
    }
}
