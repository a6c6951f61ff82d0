using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class LiveTimeline_Tests
{
    private const long Epoch = 1_767_225_600_000_000;
    private const int Chunk = 960; // 20 ms

    private static LiveTimeline Timeline(ulong maxSamples = ulong.MaxValue) => new(Epoch, new LiveTimelineLimits(
        MaxLag: TimeSpan.FromMilliseconds(100), TargetLead: TimeSpan.FromMilliseconds(30), MaxLead: TimeSpan.FromMilliseconds(200),
        Hold: TimeSpan.FromMilliseconds(200), maxSamples));

    private static long Ms(double ms) => Epoch + (long)(ms * 1000);

    [Fact]
    public void Input_before_the_epoch_is_early_and_changes_nothing()
    {
        var timeline = Timeline();
        var placement = timeline.Place(Epoch - 1, Chunk);
        Assert.Equal(LivePlacementKind.Early, placement.Kind);
        Assert.False(timeline.Started);
        Assert.Equal(0UL, timeline.Place(Epoch, Chunk).Position);
    }

    [Fact]
    public void Real_time_input_is_contiguous_from_the_instant_it_started_without_silence()
    {
        var timeline = Timeline();
        Assert.Equal(1_440UL, timeline.Place(Ms(30), Chunk).Position);
        for (var i = 1; i < 100; i++)
        {
            // Arrival jitter of up to 15 ms either way.
            var placement = timeline.Place(Ms(30 + i * 20 + (i % 3 - 1) * 15), Chunk);
            Assert.Equal(LivePlacementKind.Accepted, placement.Kind);
            Assert.Equal((ulong)(1_440 + i * Chunk), placement.Position);
            Assert.Equal(0UL, placement.Silence);
        }
        Assert.Equal(0UL, timeline.SilenceSamples);
        Assert.Equal(1_440UL, timeline.StartPosition);
    }

    [Fact]
    public void A_source_that_starts_late_starts_where_the_timeline_is()
    {
        var timeline = Timeline();
        var first = timeline.Place(Ms(2000), Chunk);
        Assert.Equal(96_000UL, first.Position);
        Assert.Equal(0UL, first.Silence);
        Assert.Equal(96_000UL, timeline.StartPosition);
        Assert.Equal(96_000UL + Chunk, timeline.Place(Ms(2020), Chunk).Position);
    }

    [Fact]
    public void A_stall_followed_by_its_backlog_keeps_every_sample_in_place()
    {
        var timeline = Timeline();
        var now = 0.0;
        var sent = 0;
        for (; sent < 10; sent++, now += 20) timeline.Place(Ms(now), Chunk);
        // 500 ms without input, then what was captured meanwhile arrives at once, then real time again.
        now += 500;
        for (var i = 0; i < 26; i++, sent++) Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(now + i * 0.2), Chunk).Kind);
        for (var i = 0; i < 50; i++, sent++, now += 20) Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(now + 20), Chunk).Kind);

        Assert.Equal(0UL, timeline.SilenceSamples);
        Assert.Equal((ulong)(sent * Chunk), timeline.Position);
    }

    [Fact]
    public void A_slow_backlog_that_still_catches_up_is_not_a_pause()
    {
        var timeline = Timeline();
        for (var i = 0; i < 10; i++) timeline.Place(Ms(i * 20), Chunk);
        // 600 ms behind, then the source sends at twice real time until it has caught up.
        var now = 180.0 + 600;
        for (var i = 0; i < 60; i++, now += 10) Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(now), Chunk).Kind);
        Assert.Equal(0UL, timeline.SilenceSamples);
    }

    [Fact]
    public void A_pause_is_filled_with_silence_after_the_hold_and_input_is_on_time_again()
    {
        var timeline = Timeline();
        for (var i = 0; i < 10; i++) timeline.Place(Ms(i * 20), Chunk);
        // The source stops for a second and resumes in real time: nothing of the pause arrives later.
        var resume = 180.0 + 1000;
        LivePlacement placement = default;
        var chunk = 0;
        for (; chunk < 20; chunk++)
        {
            placement = timeline.Place(Ms(resume + chunk * 20), Chunk);
            if (placement.Silence > 0) break;
            Assert.Equal((ulong)((10 + chunk) * Chunk), placement.Position); // held in place during the hold
        }
        Assert.Equal(10, chunk); // 200 ms of hold at 20 ms per chunk
        var nowMs = resume + chunk * 20;
        Assert.InRange((double)placement.Position / 48, nowMs - 1, nowMs + 1); // continues from the present
        Assert.Equal(timeline.SilenceSamples, placement.Silence);

        var next = timeline.Place(Ms(nowMs + 20), Chunk);
        Assert.Equal(0UL, next.Silence);
        Assert.Equal(placement.Position + Chunk, next.Position);
    }

    [Fact]
    public void Input_that_keeps_running_ahead_loses_a_chunk_per_hold_until_the_delay_is_back()
    {
        var timeline = Timeline();
        timeline.Place(Ms(0), Chunk);
        // A backlog of 100 ms beyond real time (as after a stall that was filled), then a source in real time.
        for (var i = 0; i < 5; i++) timeline.Place(Ms(1), Chunk);
        var dropped = new List<double>();
        for (var t = 20.0; t < 2000; t += 20)
            if (timeline.Place(Ms(t), Chunk).Kind == LivePlacementKind.Ahead) dropped.Add(t);

        // 100 ms ahead against a 30 ms target: four chunks go, one per 200 ms hold, and then the input stays.
        Assert.Equal([220, 420, 620, 820], dropped);
        Assert.InRange((long)timeline.Position - (long)(2000 * 48), 0, 30 * 48);
    }

    [Fact]
    public void Normal_jitter_ahead_of_real_time_loses_nothing()
    {
        var timeline = Timeline();
        // The first chunk came 25 ms late; the rest on time, so they all run up to 25 ms (and jitter) ahead.
        timeline.Place(Ms(25), Chunk);
        for (var i = 1; i < 200; i++)
            Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(i * 20 + (i % 2) * 4), Chunk).Kind);
    }

    [Fact]
    public void Input_running_ahead_of_real_time_beyond_the_lead_is_dropped()
    {
        var timeline = Timeline();
        var accepted = 0;
        for (var i = 0; i < 50; i++)
            if (timeline.Place(Ms(10), Chunk).Kind == LivePlacementKind.Accepted) accepted++;
        // The stream starts at the 10 ms slot (480); a chunk is taken while the input runs at most 200 ms ahead of it.
        Assert.Equal(11, accepted);
        Assert.Equal(LivePlacementKind.Ahead, timeline.Place(Ms(11), Chunk).Kind);
        Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(60), Chunk).Kind);
    }

    [Fact]
    public void Input_past_the_longest_length_is_refused()
    {
        var timeline = Timeline(maxSamples: 3 * Chunk);
        for (var i = 0; i < 3; i++) Assert.Equal(LivePlacementKind.Accepted, timeline.Place(Ms(i * 20), Chunk).Kind);
        Assert.Equal(LivePlacementKind.TooLong, timeline.Place(Ms(60), Chunk).Kind);
        Assert.Equal(3UL * Chunk, timeline.Position);
    }
}
