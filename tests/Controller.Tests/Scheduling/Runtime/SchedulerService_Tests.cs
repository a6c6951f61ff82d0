using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Tests.Support;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Runtime;

[Collection(IcalNetCollection.Name)]
public sealed class SchedulerService_Tests : IDisposable
{
    private static readonly DateTimeOffset T = Vn(2025, 3, 1, 7);
    private readonly SchedulerHarness _h = new(T.AddMinutes(-5), "d1", "d2", "d3");

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_slot_is_taken_up_a_lead_ahead_and_its_first_sample_sounds_exactly_at_its_start()
    {
        _h.AddProgram("news", 2);
        _h.AddOnce("s-news", "news", T, ["d1", "d2", "d3"]);

        await _h.RunUntilAsync(T - SchedulerHarness.Lead - TimeSpan.FromMilliseconds(1));
        Assert.Null(_h.Ledger.Find(new SlotKey("s-news", T)));

        // Taken up a lead ahead; claimed only at its hand-over, right before its session starts.
        var handOver = SchedulerHarness.Timing.DecideAt(T, TimeSpan.FromSeconds(2));
        await _h.RunUntilAsync(handOver - TimeSpan.FromMilliseconds(1));
        Assert.True(_h.Service.IsPending(new SlotKey("s-news", T)));
        Assert.Null(_h.Ledger.Find(new SlotKey("s-news", T)));
        Assert.Empty(_h.Output.Started);
        await _h.RunUntilAsync(handOver);
        Assert.Equal(AirOutcome.OnTime, _h.Ledger.Find(new SlotKey("s-news", T))!.Outcome);
        Assert.Single(_h.Output.Started);

        await _h.RunUntilAsync(T + TimeSpan.FromSeconds(30));
        var started = Assert.Single(_h.Output.Started);
        Assert.Equal(T, started.SoundStart);
        Assert.Equal(TimeSpan.Zero, started.From);
        Assert.Equal("d1,d2,d3", started.Devices);
        // Handed over early enough to encode and announce: the announce lead plus the encode allowance.
        Assert.Equal(SchedulerHarness.Timing.DecideAt(T, TimeSpan.FromSeconds(2)), started.At);
        Assert.True(T - started.At >= SchedulerHarness.Timing.AnnounceLead);
    }

    [Fact]
    public async Task Each_slot_airs_once_even_when_passes_repeat()
    {
        _h.AddProgram("news", 2);
        _h.Catalog.Put(Schedule("s-rep", "news", ScheduleRules.Repeat(BroadcastTimeZone.ToLocal(T), 5, TimeSpan.FromMinutes(1)),
            TargetSet.Of(devices: ["d1"]), createdAt: NewYear));
        await _h.RunUntilAsync(T + TimeSpan.FromMinutes(6));
        for (var i = 0; i < 3; i++) await _h.Service.RunOnceAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => T.AddMinutes(i)), _h.Output.Started.Select(s => s.SoundStart));
    }

    [Fact]
    public async Task A_slot_missed_while_down_plays_late_within_its_grace_and_is_recorded_missed_after_it()
    {
        _h.AddProgram("a", 2);
        _h.AddProgram("b", 2);
        _h.AddOnce("s-a", "a", T, ["d1"]);
        _h.AddOnce("s-b", "b", T.AddMinutes(20), ["d1"]);
        await _h.RunUntilAsync(T - TimeSpan.FromMinutes(1));

        // Down from 06:59 to 07:03: a is 3 minutes late, within the 10-minute grace window.
        _h.Restart(T.AddMinutes(3));
        await _h.RunUntilAsync(T.AddMinutes(4));
        var late = Assert.Single(_h.Output.Started);
        Assert.Equal(AirOutcome.Late, _h.Ledger.Find(new SlotKey("s-a", T))!.Outcome);
        Assert.Equal(SchedulerHarness.Timing.SoonestStart(T.AddMinutes(3), TimeSpan.FromSeconds(2)), late.SoundStart);

        // Down from 07:04 to 07:45: b (07:20) is past its grace window: missed, with the downtime in the reason.
        _h.Restart(T.AddMinutes(45));
        await _h.RunUntilAsync(T.AddMinutes(46));
        Assert.Empty(_h.Output.Started);
        var missed = _h.Ledger.Find(new SlotKey("s-b", T.AddMinutes(20)))!;
        Assert.Equal((AirOutcome.Missed, MissReason.NotStartedInTime), (missed.Outcome, missed.Reason));
        Assert.Contains("did not run", missed.Detail);
    }

    [Fact]
    public async Task A_slot_claimed_before_a_crash_is_not_aired_again_and_one_taken_up_but_not_claimed_is()
    {
        _h.AddProgram("a", 2);
        _h.AddProgram("b", 2);
        _h.AddOnce("s-a", "a", T, ["d1"]);
        _h.AddOnce("s-b", "b", T.AddSeconds(5), ["d1"]);
        // The crash comes after a's hand-over (claimed, its session started) and before b's (taken up, not claimed).
        await _h.RunUntilAsync(SchedulerHarness.Timing.DecideAt(T, TimeSpan.FromSeconds(2)));
        Assert.NotNull(_h.Ledger.Find(new SlotKey("s-a", T)));
        Assert.True(_h.Service.IsPending(new SlotKey("s-b", T.AddSeconds(5))));
        Assert.Null(_h.Ledger.Find(new SlotKey("s-b", T.AddSeconds(5))));

        // Back 7 s after b's start: past the 5 s on-time tolerance, well within the grace window.
        _h.Restart(T.AddSeconds(12));
        await _h.RunUntilAsync(T.AddMinutes(2));
        var started = Assert.Single(_h.Output.Started);
        Assert.Equal(new SlotKey("s-b", T.AddSeconds(5)).ToString(), started.Slot);
        Assert.Equal(SchedulerHarness.Timing.SoonestStart(T.AddSeconds(12), TimeSpan.FromSeconds(2)), started.SoundStart);
        Assert.Equal(AirOutcome.Late, _h.Ledger.Find(new SlotKey("s-b", T.AddSeconds(5)))!.Outcome);
    }

    [Fact]
    public async Task Slots_without_audio_are_recorded_missed_with_the_reason()
    {
        _h.AddProgram("relay", 60, content: new StreamRelayContent("http://radio.example/vov1"));
        _h.AddProgram("live", 60, content: new LiveSlotContent());
        _h.AddProgram("tts", 2, content: new TtsBulletinContent("Thông báo"));
        _h.AddProgram("gone", 2, content: new AudioFileContent("no-such-media"));
        _h.AddProgram("rec", 2, content: new TtsBulletinContent("Thông báo", RecordedMediaId: "media-rec"));
        _h.AddProgram("nobody", 2);
        foreach (var id in new[] { "relay", "live", "tts", "gone", "rec" }) _h.AddOnce("s-" + id, id, T, ["d1"]);
        _h.AddOnce("s-nobody", "nobody", T, ["d9"]);
        await _h.RunUntilAsync(T.AddMinutes(1));

        string? Detail(string id) => _h.Ledger.Find(new SlotKey("s-" + id, T))!.Detail;
        MissReason? Reason(string id) => _h.Ledger.Find(new SlotKey("s-" + id, T))!.Reason;
        Assert.Contains("relays are not set up", Detail("relay"));
        Assert.Contains("live capture", Detail("live"));
        Assert.Contains("no recording", Detail("tts"));
        Assert.Contains("no-such-media is not in the media library", Detail("gone"));
        Assert.All(new[] { "relay", "live", "tts", "gone" }, id => Assert.Equal(MissReason.ContentUnavailable, Reason(id)));
        Assert.Equal(MissReason.NoDevices, Reason("nobody"));
        Assert.Equal(AirOutcome.OnTime, _h.Ledger.Find(new SlotKey("s-rec", T))!.Outcome);
        Assert.Equal("s-rec@20250301T000000Z", Assert.Single(_h.Output.Started).Slot);
    }

    [Fact]
    public async Task A_playlist_airs_its_items_end_to_end()
    {
        _h.AddProgram("one", 2);
        _h.AddProgram("two", 3);
        _h.Media.PutPlaylist("morning", ["media-one", "media-two"]);
        _h.AddProgram("list", 5, content: new PlaylistContent("morning"));
        _h.AddOnce("s-list", "list", T, ["d1"]);
        await _h.RunUntilAsync(T);
        var segment = Assert.Single(_h.Service.Segments);
        Assert.Equal(TimeSpan.FromSeconds(5), segment.Airing.Length);
    }

    [Fact]
    public async Task Each_device_is_told_what_is_next()
    {
        _h.AddProgram("news", 2);
        _h.AddProgram("music", 2);
        _h.AddOnce("s-news", "news", T, ["d1", "d2"]);
        _h.AddOnce("s-music", "music", T.AddHours(1), ["d1"]);
        await _h.RunUntilAsync(T.AddMinutes(-4));
        Assert.Equal(("news", ToUs(T)), (_h.Output.Next["d1"]!.Program, _h.Output.Next["d1"]!.StartUs));
        Assert.Equal("news", _h.Output.Next["d2"]!.Program);
        Assert.Null(_h.Output.Next.GetValueOrDefault("d3"));

        await _h.RunUntilAsync(T.AddSeconds(1));
        Assert.Equal(("music", ToUs(T.AddHours(1))), (_h.Output.Next["d1"]!.Program, _h.Output.Next["d1"]!.StartUs));
        Assert.Null(_h.Output.Next["d2"]);
    }

    [Fact]
    public async Task The_hosted_loop_picks_up_a_schedule_added_while_it_sleeps()
    {
        using var stop = new CancellationTokenSource();
        await _h.Service.StartAsync(stop.Token);
        try
        {
            await Poll.UntilAsync(() => _h.Ledger.Checkpoint is not null, "the first pass ran");
            _h.AddProgram("news", 2);
            _h.AddOnce("s-news", "news", _h.Now.AddSeconds(30), ["d1"]);
            var due = _h.Now.AddSeconds(30);
            await Poll.UntilAsync(() =>
            {
                if (_h.Output.Started.Count == 0 && _h.Now < due) _h.Time.Advance(TimeSpan.FromMilliseconds(50));
                return _h.Output.Started.Count == 1;
            }, "the slot started", TimeSpan.FromSeconds(20));
            Assert.Equal(due, _h.Output.Started[0].SoundStart);
        }
        finally
        {
            await stop.CancelAsync();
            await _h.Service.StopAsync(CancellationToken.None);
        }
    }

    private static long ToUs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
