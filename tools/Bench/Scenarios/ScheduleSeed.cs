using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.Bench.Scenarios;

/// <summary>One slot of the schedule benchmark: a once schedule of its own program, with a generated bulletin.</summary>
public sealed record SeedSlot(string Id, long StartUnixSeconds, int Seconds, PriorityClass Class, PreemptionPolicy Preemption, string[] Devices)
{
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeSeconds(StartUnixSeconds);
    public DateTimeOffset End => Start.AddSeconds(Seconds);
}

/// <summary>
/// BENCH-ONLY SEAM: the schedule benchmark's catalog, written to a JSON file that the <c>__controller</c> child verb
/// takes with <c>--schedule-seed {file}</c> and registers in place of the catalog, target directory and media library
/// (until the schedules REST API exists to create them as a broadcaster would). Not a product feature.
/// </summary>
public sealed record ScheduleSeed(string[] Devices, SeedSlot[] Slots)
{
    public const string Option = "--schedule-seed";

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    public static ScheduleSeed Load(string path) =>
        JsonSerializer.Deserialize<ScheduleSeed>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no seed");

    /// <summary>Splits the seed option off the controller's arguments; null when absent.</summary>
    public static (string[] Others, ScheduleSeed? Seed) Extract(string[] args)
    {
        var i = Array.IndexOf(args, Option);
        if (i < 0 || i + 1 >= args.Length) return (args, null);
        return ([.. args[..i], .. args[(i + 2)..]], Load(args[i + 1]));
    }

    /// <summary>Registers the seeded catalog, directory and media (last, so they win).</summary>
    public void Register(IServiceCollection services)
    {
        var catalog = new InMemorySchedulingCatalog();
        var media = new InMemoryMediaLibrary();
        foreach (var slot in Slots)
        {
            media.Put("m-" + slot.Id, new DecodedAudio { Samples = Bulletin(slot.Seconds), SourceFormat = "bench tone" });
            catalog.Put(new BroadcastProgram
            {
                Id = "p-" + slot.Id, Title = slot.Id, Content = new AudioFileContent("m-" + slot.Id), Class = slot.Class,
                Origin = OriginLevel.Commune, Author = "bench", Preemption = slot.Preemption, Duration = TimeSpan.FromSeconds(slot.Seconds),
            });
            catalog.Put(new Schedule
            {
                Id = "s-" + slot.Id, ProgramId = "p-" + slot.Id, Lines = ScheduleRules.Once(BroadcastTimeZone.ToLocal(slot.Start)),
                Targets = TargetSet.Of(devices: slot.Devices), CreatedAt = DateTimeOffset.UnixEpoch.AddYears(50),
            });
        }
        var directory = new InMemoryTargetDirectory(Devices.Select(d => new DevicePlacement(d, null, [])), [], []);
        services.AddSingleton<ISchedulingCatalog>(catalog);
        services.AddSingleton<ITargetDirectory>(directory);
        services.AddSingleton<IMediaAudioSource>(media);
    }

    /// <summary>A bulletin-like tone: 600 Hz with a 5 ms fade at each end.</summary>
    private static float[] Bulletin(int seconds)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        const int Fade = DecodedAudio.SampleRate / 200;
        for (var i = 0; i < samples.Length; i++)
        {
            var envelope = Math.Min(1.0, Math.Min(i, samples.Length - 1 - i) / (double)Fade);
            samples[i] = (float)(0.5 * envelope * Math.Sin(2 * Math.PI * 600 * i / DecodedAudio.SampleRate));
        }
        return samples;
    }
}
