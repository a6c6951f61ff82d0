using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The scheduler across a real controller restart: a slot that aired before the restart does not air again, and a
/// slot due while the controller was down plays late after it, within its grace window; both are in the ledger.
/// </summary>
public sealed class Scheduled_Restart_Tests
{
    [Fact]
    public async Task A_slot_aired_before_a_restart_is_not_aired_again_and_one_due_while_down_plays_late()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Sub("data");
        var brokerPort = FreePort.Next();
        var calendar = new TestCalendar("sched-a");
        var first = await RunningController.StartAsync(dataDir, calendar.Register, brokerPort);
        await using var speaker = new RunningSpeaker("sched-a", await first.RegisterDeviceAsync("sched-a"), brokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await first.OnlineDevicesAsync()).Contains("sched-a"), TimeSpan.FromSeconds(15), "speaker online");

        var before = TestCalendar.SecondsFromNow(13);
        // Far enough after the first that the first controller is gone well before this slot's hand-over (about 3 s
        // ahead of its start), even when its shutdown is slow on a busy machine: a slot claimed and then cut off by
        // the shutdown counts as aired and is rightly not aired again.
        var whileDown = before.AddSeconds(14);
        calendar.AddOnce("before", before, seconds: 2, ["sched-a"]);
        calendar.AddOnce("down", whileDown, seconds: 8, ["sched-a"]);

        await Eventually.TrueAsync(() => Task.FromResult(Sessions(speaker).Count == 1 && DateTimeOffset.UtcNow > before.AddSeconds(3)),
            TimeSpan.FromSeconds(30), "the first slot played");
        await first.DisposeAsync();
        // Back 7 s after its start: past the 5 s on-time tolerance, within the grace window.
        while (DateTimeOffset.UtcNow < whileDown.AddSeconds(7)) await Task.Delay(100);

        await using var second = await RunningController.StartAsync(dataDir, calendar.Register, brokerPort);
        await Eventually.TrueAsync(() => Task.FromResult(Sessions(speaker).Count >= 2), TimeSpan.FromSeconds(30), "the missed slot played late");
        await Task.Delay(TimeSpan.FromSeconds(9)); // anything that would air twice would have started by now

        var ledger = second.Services.GetRequiredService<LiteDbAirLedger>();
        Assert.Equal(AirOutcome.OnTime, ledger.Find(new SlotKey("s-before", before))!.Outcome);
        Assert.Equal(AirOutcome.Late, ledger.Find(new SlotKey("s-down", whileDown))!.Outcome);

        var titles = await TestCalendar.SessionTitlesAsync(second);
        var played = Sessions(speaker).Select(s => titles[s]).Order().ToArray();
        Assert.Equal(["before", "down"], played);
    }

    /// <summary>Sessions the speaker wrote audio for (one WAV per take; a second take of a session would be ".2.wav").</summary>
    private static List<string> Sessions(RunningSpeaker speaker) => !Directory.Exists(speaker.WavDirectory)
        ? []
        : Directory.EnumerateFiles(speaker.WavDirectory, "*.wav").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
}
