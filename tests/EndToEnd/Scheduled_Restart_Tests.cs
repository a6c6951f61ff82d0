using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Messages;
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
        // The catalog, directory and media outlive the controller, as stored ones do.
        var catalog = new InMemorySchedulingCatalog();
        var media = new InMemoryMediaLibrary();
        var directory = new InMemoryTargetDirectory([new DevicePlacement("sched-a", null, [])], [], []);
        void Register(IServiceCollection services)
        {
            services.AddSingleton<ISchedulingCatalog>(catalog);
            services.AddSingleton<ITargetDirectory>(directory);
            services.AddSingleton<IMediaAudioSource>(media);
            services.AddSingleton<IPlaylistSource>(media);
        }

        var first = await RunningController.StartAsync(dataDir, Register, brokerPort);
        await using var speaker = new RunningSpeaker("sched-a", await first.RegisterDeviceAsync("sched-a"), brokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await first.OnlineDevicesAsync()).Contains("sched-a"), TimeSpan.FromSeconds(15), "speaker online");

        var now = DateTimeOffset.UtcNow;
        var before = Whole(now.AddSeconds(12));
        var whileDown = before.AddSeconds(8);
        Add(catalog, media, "before", before, seconds: 2);
        Add(catalog, media, "down", whileDown, seconds: 8);

        await Eventually.TrueAsync(() => Task.FromResult(Sessions(speaker).Count == 1 && DateTimeOffset.UtcNow > before.AddSeconds(3)),
            TimeSpan.FromSeconds(30), "the first slot played");
        await first.DisposeAsync();
        // Back 7 s after its start: past the 5 s on-time tolerance, within the grace window.
        while (DateTimeOffset.UtcNow < whileDown.AddSeconds(7)) await Task.Delay(100);

        await using var second = await RunningController.StartAsync(dataDir, Register, brokerPort);
        await Eventually.TrueAsync(() => Task.FromResult(Sessions(speaker).Count >= 2), TimeSpan.FromSeconds(30), "the missed slot played late");
        await Task.Delay(TimeSpan.FromSeconds(9)); // anything that would air twice would have started by now

        var ledger = second.Services.GetRequiredService<LiteDbAirLedger>();
        Assert.Equal(AirOutcome.OnTime, ledger.Find(new SlotKey("s-before", before))!.Outcome);
        Assert.Equal(AirOutcome.Late, ledger.Find(new SlotKey("s-down", whileDown))!.Outcome);

        var titles = await Titles(second);
        var played = Sessions(speaker).Select(s => titles[s]).Order().ToArray();
        Assert.Equal(["before", "down"], played);
    }

    private static DateTimeOffset Whole(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds() + 1);

    private static void Add(InMemorySchedulingCatalog catalog, InMemoryMediaLibrary media, string id, DateTimeOffset start, int seconds)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / DecodedAudio.SampleRate);
        media.Put("m-" + id, new DecodedAudio { Samples = samples, SourceFormat = "test tone" });
        catalog.Put(new BroadcastProgram
        {
            Id = "p-" + id, Title = id, Content = new AudioFileContent("m-" + id), Class = PriorityClass.Normal,
            Origin = OriginLevel.Commune, Author = "test", Duration = TimeSpan.FromSeconds(seconds),
        });
        catalog.Put(new Schedule
        {
            Id = "s-" + id, ProgramId = "p-" + id, Lines = ScheduleRules.Once(BroadcastTimeZone.ToLocal(start)),
            Targets = TargetSet.Of(devices: ["sched-a"]), CreatedAt = start.AddHours(-1),
        });
    }

    /// <summary>Sessions the speaker wrote audio for (one WAV per take; a second take of a session would be ".2.wav").</summary>
    private static List<string> Sessions(RunningSpeaker speaker) => !Directory.Exists(speaker.WavDirectory)
        ? []
        : Directory.EnumerateFiles(speaker.WavDirectory, "*.wav").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

    private static async Task<Dictionary<string, string>> Titles(RunningController controller)
    {
        var list = await controller.Http.GetFromJsonAsync<JsonElement>("/api/broadcasts?limit=50");
        return list.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("title").GetString()!);
    }
}
