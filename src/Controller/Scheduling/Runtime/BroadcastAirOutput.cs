using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Airs the scheduler's sessions through <see cref="BroadcastService"/> with the program profile, on the devices'
/// own desired-state topics (devices that share a slot still share one stream), and keeps each device's "next".
/// </summary>
public sealed partial class BroadcastAirOutput(
    BroadcastService broadcasts, DesiredStatePublisher desired, DeviceRegistry registry, IOptions<BroadcastOptions> options,
    ILogger<BroadcastAirOutput> logger) : IAirOutput
{
    /// <summary>The timing the program profile gives the scheduler.</summary>
    public AirTiming Timing
    {
        get
        {
            var profile = options.Value.Profiles.Program;
            return new AirTiming(TimeSpan.FromMilliseconds(profile.StartLeadMs + profile.LatencyMs));
        }
    }

    /// <summary>
    /// Streams a second of silence through the encode-ahead pipeline once: the first session of a process would
    /// otherwise pay for loading and compiling the codec and the pipeline.
    /// </summary>
    public Task WarmUpAsync(CancellationToken ct) => Task.Run(async () =>
    {
        var profile = options.Value.Profiles.Program;
        var silence = ProgramAudio.InMemory(new DecodedAudio { Samples = new float[DecodedAudio.SampleRate], SourceFormat = "silence" });
        await using var pipeline = EncodeAheadPipeline.Start(silence.Open(), profile.Opus, 1, profile.FramesPerPacket, 20, ct);
        await foreach (var _ in pipeline.Packets.ReadAllAsync(ct)) { }
    }, ct);

    public Task<string?> StartAsync(AirSegment segment, CancellationToken ct)
    {
        var airing = segment.Airing;
        var profile = options.Value.Profiles.Program;
        var from = (long)Math.Min(airing.Audio.SampleCount, Math.Round(segment.From.TotalSeconds * DecodedAudio.SampleRate));
        var audio = airing.Audio.From(from);
        var epochUs = (segment.SoundStart.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 - profile.LatencyMs * 1000L;
        var scheduled = new ScheduledAir(airing.Program.Class, airing.Program.Origin, epochUs)
        {
            Source = new BroadcastSource
            {
                ProgramId = airing.Program.Id, ScheduleId = airing.Planned.Slot.ScheduleId, SlotStart = airing.Planned.Slot.Start,
            },
            Slot = Offline.PlanItemIds.For(airing.Program.Id, airing.Planned.Slot.Start),
            OnAnnounced = session =>
            {
                if (session.EpochUs != epochUs) LogEpochMoved(airing.Id, session.Session, (session.EpochUs - epochUs) / 1000);
            },
        };
        // A speaker the directory knows but the registry does not (removed meanwhile) must not stop the others.
        var known = segment.Devices.Where(id => registry.Find(id) is not null).Order(StringComparer.Ordinal).ToArray();
        if (known.Length < segment.Devices.Count)
            LogUnregistered(airing.Id, string.Join(", ", segment.Devices.Where(id => !known.Contains(id))));
        try
        {
            var view = broadcasts.Start(airing.Program.Title, audio, BroadcastTargets.Devices(known), scheduled);
            return Task.FromResult<string?>(view.Id);
        }
        catch (BroadcastRequestException e)
        {
            LogNotStarted(airing.Id, e.Message);
            return Task.FromResult<string?>(null);
        }
    }

    public Task WithdrawAsync(string sessionId, IReadOnlyCollection<string> deviceIds, string reason, CancellationToken ct) =>
        broadcasts.WithdrawAsync(sessionId, deviceIds, reason, ct);

    public void Cancel(string sessionId, string reason) => broadcasts.Cancel(sessionId, reason);

    public Task SetNextAsync(string deviceId, NextItem? next, CancellationToken ct) =>
        desired.SetNextAsync(TopicTree.DeviceDesired(deviceId), next, ct);

    [LoggerMessage(EventId = 430, Level = LogLevel.Warning, Message = "Slot {Slot}: session {Session} was announced {LateMs} ms later than planned (opening its audio took too long)")]
    private partial void LogEpochMoved(string slot, string session, long lateMs);

    [LoggerMessage(EventId = 432, Level = LogLevel.Warning, Message = "Slot {Slot}: not registered, left out: {Devices}")]
    private partial void LogUnregistered(string slot, string devices);

    [LoggerMessage(EventId = 431, Level = LogLevel.Error, Message = "Slot {Slot} could not be put on air: {Reason}")]
    private partial void LogNotStarted(string slot, string reason);
}
