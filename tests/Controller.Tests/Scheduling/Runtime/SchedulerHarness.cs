using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Runtime;

/// <summary>
/// A scheduler on a fake clock over a real LiteDB file, with its own catalog, directory and media, recording what
/// it asks of the broadcast side. <see cref="Restart"/> drops the scheduler and the database and opens them again
/// on the same file, as a controller restart does.
/// </summary>
internal sealed class SchedulerHarness : IDisposable
{
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(10);
    public static readonly AirTiming Timing = new(TimeSpan.FromMilliseconds(1500));

    private readonly TempDirectory _dir = new();
    private ControllerDatabase _db;

    public SchedulerHarness(DateTimeOffset now, params string[] devices)
    {
        Time = new FakeTimeProvider(now);
        Directory = new InMemoryTargetDirectory(devices.Select(d => new DevicePlacement(d, null, ["all-village"])), ["all-village"], []);
        Output = new RecordingAirOutput(Time);
        _db = Open();
        Service = Build();
    }

    public FakeTimeProvider Time { get; }
    public InMemorySchedulingCatalog Catalog { get; } = new();
    public InMemoryMediaLibrary Media { get; } = new();
    public InMemoryTargetDirectory Directory { get; }
    public RecordingAirOutput Output { get; private set; }
    public SchedulerService Service { get; private set; }
    public LiteDbAirLedger Ledger { get; private set; } = null!;
    public LiteDbPreemptionLog Preemptions { get; private set; } = null!;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Speech renderings for TTS bulletins without a recording (none by default).</summary>
    public ITtsBulletinRenderings? Speech { get; private set; }

    /// <summary>Gives the scheduler speech renderings (before anything has run).</summary>
    public void UseSpeech(ITtsBulletinRenderings speech)
    {
        Speech = speech;
        Service = Build();
    }

    /// <summary>A program of <paramref name="seconds"/> of audio (a ramp, so every slice differs) and its media.</summary>
    public BroadcastProgram AddProgram(string id, int seconds, PriorityClass cls = PriorityClass.Normal,
        PreemptionPolicy preemption = PreemptionPolicy.Resume, ProgramContent? content = null)
    {
        var program = Program(id, cls, duration: TimeSpan.FromSeconds(seconds), content: content, preemption: preemption);
        Catalog.Put(program);
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = i / (float)samples.Length;
        Media.Put($"media-{id}", new DecodedAudio { Samples = samples, SourceFormat = "test ramp" });
        return program;
    }

    /// <summary>A once schedule of the program at <paramref name="start"/> (Vietnam time, whole seconds) for the devices.</summary>
    public void AddOnce(string scheduleId, string programId, DateTimeOffset start, string[] devices, ClashPolicy clash = ClashPolicy.Append) =>
        Catalog.Put(Schedule(scheduleId, programId, ScheduleRules.Once(BroadcastTimeZone.ToLocal(start)), TargetSet.Of(devices: devices), clash, createdAt: NewYear));

    /// <summary>Runs the scheduler's passes as the hosted loop would, jumping the clock to each due instant, up to <paramref name="target"/>.</summary>
    public async Task RunUntilAsync(DateTimeOffset target)
    {
        for (var i = 0; i < 100_000; i++)
        {
            var wake = await Service.RunOnceAsync(CancellationToken.None);
            var now = Time.GetUtcNow();
            if (now >= target) return;
            var next = wake <= now ? now + TimeSpan.FromMilliseconds(1) : wake;
            Time.SetUtcNow(next < target ? next : target);
        }
        throw new InvalidOperationException("the scheduler never got to the target time");
    }

    /// <summary>The controller stops (dropping everything in memory) and starts again on the same data at <paramref name="at"/>.</summary>
    public void Restart(DateTimeOffset at)
    {
        _db.Dispose();
        Time.SetUtcNow(at);
        _db = Open();
        Output = new RecordingAirOutput(Time);
        Service = Build();
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private ControllerDatabase Open() => new(Options.Create(new StorageOptions { DataDir = _dir.Path }));

    private SchedulerService Build()
    {
        Ledger = new LiteDbAirLedger(_db);
        Preemptions = new LiteDbPreemptionLog(_db);
        return new SchedulerService(Catalog, Ledger, Directory, new ProgramAudioLoader(Media, Speech), Output, Preemptions, Timing,
            Options.Create(new SchedulerRuntimeOptions { LeadTime = Lead }), Options.Create(new SlotPlannerOptions()), Time,
            NullLogger<SchedulerService>.Instance);
    }
}
