using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A test's own programs, schedules, devices and media, handed to a <see cref="RunningController"/> in place of the
/// stored ones. They outlive the controller, as stored ones do across a restart.
/// </summary>
public sealed class TestCalendar(params string[] devices)
{
    public InMemorySchedulingCatalog Catalog { get; } = new();
    public InMemoryMediaLibrary Media { get; } = new();
    public InMemoryTargetDirectory Directory { get; } = new(devices.Select(d => new DevicePlacement(d, null, [])), [], []);

    /// <summary>For <see cref="RunningController.StartAsync(string, Action{IServiceCollection}?, int?, string[])"/>.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<ISchedulingCatalog>(Catalog);
        services.AddSingleton<ITargetDirectory>(Directory);
        services.AddSingleton<IMediaAudioSource>(Media);
    }

    /// <summary>Program "p-{id}" titled <paramref name="id"/> (a 440 Hz tone), aired once at <paramref name="start"/> by schedule "s-{id}".</summary>
    public void AddOnce(string id, DateTimeOffset start, int seconds, string[] targets, PriorityClass cls = PriorityClass.Normal)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / DecodedAudio.SampleRate);
        Media.Put("m-" + id, new DecodedAudio { Samples = samples, SourceFormat = "test tone" });
        Catalog.Put(new BroadcastProgram
        {
            Id = "p-" + id, Title = id, Content = new AudioFileContent("m-" + id), Class = cls, Origin = OriginLevel.Commune,
            Author = "test", Duration = TimeSpan.FromSeconds(seconds),
        });
        Catalog.Put(new Schedule
        {
            Id = "s-" + id, ProgramId = "p-" + id, Lines = ScheduleRules.Once(BroadcastTimeZone.ToLocal(start)),
            Targets = TargetSet.Of(devices: targets), CreatedAt = start.AddHours(-1),
        });
    }

    /// <summary>A whole second a few seconds from now (schedules start on whole seconds).</summary>
    public static DateTimeOffset SecondsFromNow(int seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds);

    /// <summary>Each broadcast session's title (a scheduled session is titled with its program's title).</summary>
    public static async Task<Dictionary<string, string>> SessionTitlesAsync(RunningController controller)
    {
        var list = await controller.Broadcaster.GetJsonAsync("/api/broadcasts?limit=100");
        return list.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("title").GetString()!);
    }
}
