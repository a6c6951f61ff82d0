using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Real controller, two real speakers: a normal program to both, and an emergency to one of them in the middle. The
/// emergency sounds at its start on that speaker, the other keeps playing the program to its end, and the first
/// gets the rest of the program afterwards; each device's desired state announced what was next.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Scheduled_Arbitration_Tests
{
    [Fact]
    public async Task An_emergency_takes_one_speaker_at_its_start_the_other_keeps_playing_and_the_program_resumes_after_it()
    {
        using var temp = new TempDirectory();
        var calendar = new TestCalendar("arb-a", "arb-b");
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), calendar.Register);
        await using var a = new RunningSpeaker("arb-a", await controller.RegisterDeviceAsync("arb-a"), controller.BrokerPort, temp.Sub("a"));
        await using var b = new RunningSpeaker("arb-b", await controller.RegisterDeviceAsync("arb-b"), controller.BrokerPort, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["arb-a", "arb-b"]), TimeSpan.FromSeconds(15), "both online");

        var start = TestCalendar.SecondsFromNow(14);
        calendar.AddOnce("news", start, 6, ["arb-a", "arb-b"]);
        calendar.AddOnce("flood", start.AddSeconds(3), 2, ["arb-a"], PriorityClass.Emergency);

        var desired = controller.Services.GetRequiredService<DesiredStatePublisher>();
        await Eventually.TrueAsync(() => Task.FromResult(
                desired.NextOn(TopicTree.DeviceDesired("arb-a"))?.Program == "p-news" && desired.NextOn(TopicTree.DeviceDesired("arb-b"))?.StartUs == ToUs(start)),
            TimeSpan.FromSeconds(10), "each desired state announces the news as next");
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.Next is { Program: "p-news", Title: "news" } && b.Status.Next?.StartUs == ToUs(start)),
            TimeSpan.FromSeconds(10), "each speaker knows the news is next");

        await Eventually.TrueAsync(() => Task.FromResult(SinkTakes.Of(a).Count >= 3 && DateTimeOffset.UtcNow > start.AddSeconds(16)),
            TimeSpan.FromSeconds(40), "a played the news, the flood warning and the rest of the news");
        var titles = await TestCalendar.SessionTitlesAsync(controller);

        // Start instants within the 20 ms goal: the in-process speakers' clock models have had seconds, not
        // minutes, to converge (the schedule benchmark measures the precision).
        // b: the news once, whole, from its start.
        var onB = SinkTakes.Of(b);
        var news = Assert.Single(onB);
        Assert.Equal("news", titles[news.Session]);
        Assert.InRange(news.SoundedUs - ToUs(start), -20_000, 20_000);
        Assert.InRange(news.Samples, 6 * ProtocolVersion.SampleRate - 2_000, 6 * ProtocolVersion.SampleRate + 2_000);

        // a: the news from its start until the warning was announced, the warning at its start, then the rest of the news.
        var onA = SinkTakes.Of(a).OrderBy(t => t.SoundedUs).ToList();
        Assert.Equal(["news", "flood", "news"], onA.Select(t => titles[t.Session]));
        Assert.Equal(news.Session, onA[0].Session);
        Assert.Equal(0UL, onA[1].Position);
        Assert.InRange(onA[1].SoundedUs - ToUs(start.AddSeconds(3)), -20_000, 20_000);
        Assert.NotEqual(news.Session, onA[2].Session);
        // The cut take ends when the speaker applies the withdrawal, a playout tick or two after the controller's
        // instant, so the two parts add up to the program give or take a quarter second.
        Assert.InRange(onA[0].Samples + onA[2].Samples, 6 * ProtocolVersion.SampleRate - 12_000, 6 * ProtocolVersion.SampleRate + 12_000);

        var logged = Assert.Single(controller.Services.GetRequiredService<LiteDbPreemptionLog>().ForDevice("arb-a"));
        Assert.Equal((SlotRole.Preempted, VerdictReason.Outranked), (logged.Role, logged.Reason));
        Assert.Empty(controller.Services.GetRequiredService<LiteDbPreemptionLog>().ForDevice("arb-b"));
    }

    private static long ToUs(DateTimeOffset t) => t.ToUnixTimeMilliseconds() * 1000;
}
