using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Puts broadcasts on air and follows each targeted speaker's own play reports until every one has finished or
/// the wait is over. A program (an upload or a stored file) is encoded a few seconds ahead of its real-time send with
/// the <c>program</c> profile;
/// a live source (<see cref="LiveBroadcast"/>) is encoded as it arrives with the <c>live</c> profile. Both share
/// one session lifecycle: announce in desired state, air, wait for the speakers, record, withdraw.
/// </summary>
public sealed partial class BroadcastService(
    BroadcastStore store,
    DeviceRegistry registry,
    DesiredStatePublisher desired,
    BroadcastStreamer streamer,
    StreamDeadlines deadlines,
    IOptions<BroadcastOptions> options,
    TimeProvider time,
    ILogger<BroadcastService> logger,
    ILoggerFactory loggers) : IDeviceEventObserver, IHostedService
{
    private readonly ConcurrentDictionary<string, ActiveBroadcast> _active = new(StringComparer.Ordinal);
    private readonly BroadcastOptions _options = options.Value;
    private readonly Lock _liveGate = new();
    private readonly CoalescedWrites _eventWrites = new(EventWriteDelay, time, logger);
    private int _liveSessions;

    /// <summary>How long a delivery's change from a play event may wait before its record is written (see <see cref="CoalescedWrites"/>).</summary>
    public static readonly TimeSpan EventWriteDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Broadcasts an uploaded program to <paramref name="targets"/> with the program profile.</summary>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    /// <param name="scheduled">Rank and epoch of a scheduled broadcast; null for an upload (normal, commune, at once).</param>
    public BroadcastView Start(string title, DecodedAudio audio, BroadcastTargets targets, ScheduledAir? scheduled = null) =>
        Start(title, ProgramAudio.InMemory(audio), targets, scheduled);

    /// <summary>
    /// Broadcasts a program to <paramref name="targets"/> with the program profile. Its audio is decoded and encoded
    /// while it airs, a few seconds ahead of the send (Broadcast:EncodeAheadMs), so a program of any length starts at
    /// once and takes bounded memory. A source that fails midway ends the session there (the speakers get End).
    /// </summary>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    /// <param name="scheduled">Rank and epoch of a scheduled broadcast; null for an upload (normal, commune, at once).</param>
    public BroadcastView Start(string title, ProgramAudio audio, BroadcastTargets targets, ScheduledAir? scheduled = null) =>
        StartProgram(title, audio, targets, scheduled, BroadcastProfiles.ProgramName, _options.Profiles.Program);

    /// <summary>
    /// Broadcasts <paramref name="audio"/> as an emergency: the <c>emergency</c> profile (short start lead and latency),
    /// class emergency at <paramref name="origin"/>, at <paramref name="volume"/> forced over the speakers' own volume
    /// and mute. The audio is the whole airing (the alert chime included); the caller (the emergency service) keeps
    /// the reach report.
    /// </summary>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    /// <param name="epochUs">Controller time (unix µs) of sample 0; null: one start lead from now.</param>
    /// <param name="source">The emergency (and CAP alert) it airs, kept on the record for the play log.</param>
    public BroadcastView StartEmergency(string title, ProgramAudio audio, BroadcastTargets targets, OriginLevel origin, int volume, long? epochUs = null,
        BroadcastSource? source = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(volume, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, 100);
        return StartProgram(title, audio, targets, new ScheduledAir(PriorityClass.Emergency, origin, epochUs) { Volume = volume, Source = source },
            BroadcastProfiles.EmergencyName, _options.Profiles.Emergency);
    }

    private BroadcastView StartProgram(string title, ProgramAudio audio, BroadcastTargets targets, ScheduledAir? scheduled,
        string profileName, BroadcastProfile profile)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var active = Open(title, targets, profileName, profile, audio.SourceFormat, (long)audio.Duration.TotalMilliseconds, scheduled?.Source);
        active.Scheduled = scheduled;
        _ = Task.Run(() => RunAsync(active, ct => AirProgramAsync(active, audio, ct)));
        return BroadcastView.Of(active.Record);
    }

    /// <summary>
    /// Opens a live session to <paramref name="targets"/> with the live profile (the wide live profile for a wide
    /// audience, <see cref="BroadcastProfiles.LiveFor"/>) and announces it at once; audio
    /// written to the returned session counts from its epoch (<see cref="LiveBroadcast.OnAir"/>). The caller must
    /// end it with <see cref="LiveBroadcast.EndAsync"/>.
    /// </summary>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    /// <exception cref="BroadcastCapacityException">As many live sessions as allowed are already running.</exception>
    public LiveBroadcast StartLive(string title, BroadcastTargets targets)
    {
        lock (_liveGate)
        {
            if (_liveSessions >= _options.LiveInput.MaxSessions)
                throw new BroadcastCapacityException($"{_liveSessions} live sessions are already running, the most allowed (Broadcast:LiveInput:MaxSessions)");
            _liveSessions++;
        }
        try
        {
            var active = Open(title, targets, BroadcastProfiles.LiveName, _options.Profiles.LiveFor, LiveBroadcast.SourceFormat, 0);
            var maxSamples = (ulong)_options.MaxDurationMinutes * 60 * ProtocolVersion.SampleRate;
            var live = new LiveBroadcast(active, _options.LiveInput, maxSamples, streamer, time, loggers.CreateLogger<LiveBroadcast>());
            _ = Task.Run(async () =>
            {
                try { await RunAsync(active, ct => live.AirAsync(c => AnnounceAsync(active, c), ct)); }
                finally { lock (_liveGate) _liveSessions--; }
            });
            return live;
        }
        catch
        {
            lock (_liveGate) _liveSessions--;
            throw;
        }
    }

    /// <summary>
    /// Takes the session off the desired state of <paramref name="deviceIds"/> only (the others keep playing it) and
    /// settles their deliveries with <paramref name="reason"/>: the scheduler does this when something outranks it there.
    /// </summary>
    public async Task WithdrawAsync(string id, IReadOnlyCollection<string> deviceIds, string reason, CancellationToken ct)
    {
        if (!_active.TryGetValue(id, out var active)) return;
        lock (active.Gate)
        {
            foreach (var delivery in active.Record.Devices.Where(d => deviceIds.Contains(d.DeviceId) && !d.IsSettled))
            {
                delivery.Status = DeliveryStatus.Failed;
                delivery.Reason = reason;
                delivery.FinishedAt = time.GetUtcNow();
            }
            store.Update(active.Record);
            if (DeliveryTracker.AllSettled(active.Record.Devices)) active.AllSettled.TrySetResult();
        }
        await desired.RemoveFromAsync(id, deviceIds.Select(TopicTree.DeviceDesired), ct);
    }

    /// <summary>Ends a broadcast now, recording <paramref name="reason"/>; false when it is not on air.</summary>
    public bool Cancel(string id, string reason)
    {
        if (!_active.TryGetValue(id, out var active)) return false;
        active.StopReason = reason;
        active.Stop.Cancel();
        return true;
    }

    public BroadcastView? Find(string id)
    {
        if (_active.TryGetValue(id, out var active))
            lock (active.Gate) return BroadcastView.Of(active.Record);
        return store.Find(id) is { } record ? BroadcastView.Of(record) : null;
    }

    public IReadOnlyList<BroadcastView> Recent(int limit) =>
        store.Recent(limit).Select(r => Find(r.Id) ?? BroadcastView.Of(r)).ToArray();

    public void OnDeviceEvent(string deviceId, DeviceEvent deviceEvent)
    {
        if (deviceEvent.Session is null || !_active.TryGetValue(deviceEvent.Session, out var active)) return;
        lock (active.Gate)
        {
            var delivery = active.Record.Devices.Find(d => d.DeviceId == deviceId);
            if (delivery is null || !DeliveryTracker.Apply(delivery, deviceEvent, time.GetUtcNow())) return;
            _eventWrites.Schedule(active, () => { lock (active.Gate) store.Update(active.Record); });
            if (DeliveryTracker.AllSettled(active.Record.Devices)) active.AllSettled.TrySetResult();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var ended = store.FailUnfinished("the controller stopped before the broadcast ended", time.GetUtcNow());
        if (ended > 0) LogEndedStale(ended);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var active in _active.Values) active.Stop.Cancel();
        _eventWrites.Flush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The program profile's air: open the source and start encoding ahead, announce, stream in real time as packets
    /// come. The source is opened before the announcement, so a file that cannot be opened is never announced.
    /// </summary>
    private async Task<AirResult> AirProgramAsync(ActiveBroadcast active, ProgramAudio audio, CancellationToken ct)
    {
        var profile = active.Profile;
        var reader = await Task.Run(audio.Open, ct);
        var capacity = Math.Max(2, _options.EncodeAheadMs / Math.Max(1, profile.PacketMs));
        await using var pipeline = EncodeAheadPipeline.Start(reader, profile.Opus, active.Record.Stream, profile.FramesPerPacket, capacity, ct);
        if (active.Scheduled?.EpochUs is { } epochUs)
        {
            // Not before a start lead ahead of the asked epoch: a scheduled session must not cut in before its time.
            var waitUs = epochUs - profile.StartLeadMs * 1000L - NowUs();
            if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct);
        }
        var session = PrepareSession(active);
        // A real-time source (a relay) learns when its samples leave, so that it never makes the sender wait.
        (audio as IOnAirAudio)?.OnAir(session.EpochUs, profile.SendAheadMs);
        var packetSamples = profile.FramesPerPacket * profile.Opus.FrameSamples;
        LogOnAir(active.Record.Id, active.Record.Stream, (int)Math.Max(1, (audio.SampleCount + packetSamples - 1) / packetSamples));
        // The audio is paced against the epoch, not against the broker's acknowledgements of the desired state: with
        // a topic per speaker (an emergency) those come back interleaved with hundreds of the speakers' own reports,
        // and waiting for them would send the first packets after their instant.
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A real-time source (a relay) has no second of audio ahead to put in a head: its samples are paced to leave as
        // they arrive, and taking a second at once would run it dry at the start.
        var headFrames = audio is IOnAirAudio ? 0 : StreamHead.Frames(profile.HeadMs, profile.Opus.FrameSamples, profile.FramesPerPacket);
        var pacing = new StreamPacing(session.EpochUs, session.LatencyMs, TimeSpan.FromMilliseconds(profile.SendAheadMs), headFrames);
        var stream = streamer.StreamAsync(pipeline.Packets, pacing, streaming.Token);
        try
        {
            await PublishAnnouncementAsync(active, session, ct);
        }
        catch
        {
            await streaming.CancelAsync();
            try { await stream; } catch (OperationCanceledException) { }
            throw;
        }
        var end = await stream;
        if (pipeline.Failure is not { } failure) return new AirResult(end, null, (audio as IOnAirAudio)?.AirReport);

        var airedMs = (long)(end * 1000UL / ProtocolVersion.SampleRate);
        LogSourceFailed(active.Record.Id, airedMs, audio.Duration.TotalMilliseconds, failure.Message);
        return new AirResult(end, airedMs, $"the program's audio failed after {airedMs / 1000.0:0.#} s: {failure.Message}");
    }

    /// <summary>The registered speakers <paramref name="targets"/> name, each once.</summary>
    /// <exception cref="BroadcastRequestException">No speaker is registered or named, or a named one is unknown.</exception>
    public IReadOnlyList<string> ResolveTargets(BroadcastTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.AllDevices)
        {
            // A revoked speaker is no target: it is cut off and must not count as a missed delivery.
            var all = registry.List().Where(d => !d.Revoked).Select(d => d.Id).ToArray();
            return all.Length > 0 ? all : throw new BroadcastRequestException("no speakers are registered (or all are revoked)");
        }
        if (targets.DeviceIds.Count == 0) throw new BroadcastRequestException("no target speakers given");
        var unknown = targets.DeviceIds.Where(id => registry.Find(id) is null).ToArray();
        if (unknown.Length > 0) throw new BroadcastRequestException("unknown speakers: " + string.Join(", ", unknown));
        var usable = targets.DeviceIds.Distinct(StringComparer.Ordinal).Where(id => !registry.IsRevoked(id)).ToArray();
        return usable.Length > 0 ? usable : throw new BroadcastRequestException("every target speaker is revoked");
    }
}
