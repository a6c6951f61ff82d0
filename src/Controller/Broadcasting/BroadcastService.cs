using System.Collections.Concurrent;
using System.Security.Cryptography;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Puts uploaded programs on air: encodes once, announces the session in desired state, streams it in real
/// time, and follows each targeted speaker's own play reports until every one has finished or the wait is over.
/// </summary>
public sealed partial class BroadcastService(
    BroadcastStore store,
    DeviceRegistry registry,
    DesiredStatePublisher desired,
    BroadcastStreamer streamer,
    IOptions<BroadcastOptions> options,
    IOptions<OpusEncoderSettings> opusSettings,
    TimeProvider time,
    ILogger<BroadcastService> logger) : IDeviceEventObserver, IHostedService
{
    private readonly ConcurrentDictionary<string, ActiveBroadcast> _active = new(StringComparer.Ordinal);
    private readonly BroadcastOptions _options = options.Value;

    public BroadcastView Start(string title, DecodedAudio audio, BroadcastTargets targets)
    {
        var deviceIds = ResolveTargets(targets);
        var record = new BroadcastRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Title = title,
            Stream = NewStreamId(),
            State = BroadcastState.Pending,
            AllDevices = targets.AllDevices,
            SourceFormat = audio.SourceFormat,
            DurationMs = (long)audio.Duration.TotalMilliseconds,
            CreatedAt = time.GetUtcNow(),
            Devices = deviceIds.Select(id => new DeviceDelivery { DeviceId = id }).ToList(),
        };
        store.Insert(record);
        var active = new ActiveBroadcast(record);
        _active[record.Id] = active;
        LogAccepted(record.Id, title, deviceIds.Count, record.DurationMs);
        _ = Task.Run(() => RunAsync(active, audio, targets));
        return BroadcastView.Of(record);
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
            store.Update(active.Record);
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
        return Task.CompletedTask;
    }

    private async Task RunAsync(ActiveBroadcast active, DecodedAudio audio, BroadcastTargets targets)
    {
        var record = active.Record;
        var ct = active.Stop.Token;
        SessionInfo? session = null;
        try
        {
            var packets = await Task.Run(() => BroadcastEncoding.EncodeAll(audio.Samples, opusSettings.Value, record.Stream, _options.FramesPerPacket), ct);
            var epochUs = NowUs() + _options.StartLeadMs * 1000L;
            session = new SessionInfo
            {
                Session = record.Id, Stream = record.Stream, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
                EpochUs = epochUs, LatencyMs = _options.ProgramLatencyMs, Title = record.Title,
            };
            await desired.AddAsync(session, targets.DesiredTopics(), ct);
            Update(active, r => { r.State = BroadcastState.Playing; r.StartedAt = time.GetUtcNow(); });
            LogOnAir(record.Id, record.Stream, packets.Count);

            await streamer.StreamAsync(packets, epochUs, TimeSpan.FromMilliseconds(_options.SendAheadMs), ct);

            var lastSoundUs = epochUs + (long)(packets[^1].EndPosition * 1_000_000UL / ProtocolVersion.SampleRate)
                              + _options.ProgramLatencyMs * 1000L;
            var waitUs = lastSoundUs + _options.FinishGraceMs * 1000L - NowUs();
            if (waitUs > 0)
                await Task.WhenAny(active.AllSettled.Task, Task.Delay(TimeSpan.FromMicroseconds(waitUs), time, ct));
            ct.ThrowIfCancellationRequested();
            Finish(active, reasonFor: id => registry.Find(id) is { Online: true }
                ? "the speaker sent no play-finished report"
                : "the speaker was offline", broadcastReason: null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Finish(active, _ => "the controller stopped during the broadcast", "the controller stopped during the broadcast");
        }
        catch (Exception ex)
        {
            LogFailed(ex, record.Id);
            Finish(active, _ => "the broadcast failed on the controller", "failed on the controller: " + ex.Message);
        }
        finally
        {
            _active.TryRemove(record.Id, out _);
            if (session is not null)
            {
                try { await desired.RemoveAsync(session.Session, CancellationToken.None); }
                catch (Exception ex) { LogWithdrawFailed(ex, record.Id); }
            }
        }
    }

    private void Finish(ActiveBroadcast active, Func<string, string> reasonFor, string? broadcastReason)
    {
        Update(active, r =>
        {
            DeliveryTracker.FailUnsettled(r.Devices, reasonFor);
            r.State = DeliveryTracker.FinalState(r.Devices);
            r.EndedAt = time.GetUtcNow();
            r.Reason = broadcastReason ?? (r.State == BroadcastState.Failed ? "no speaker played the broadcast to the end" : null);
        });
        var r = active.Record;
        LogEnded(r.Id, r.State, r.Devices.Count(d => d.Status == DeliveryStatus.Finished), r.Devices.Count);
    }

    private void Update(ActiveBroadcast active, Action<BroadcastRecord> change)
    {
        lock (active.Gate)
        {
            change(active.Record);
            store.Update(active.Record);
        }
    }

    private IReadOnlyList<string> ResolveTargets(BroadcastTargets targets)
    {
        if (targets.AllDevices)
        {
            var all = registry.List().Select(d => d.Id).ToArray();
            return all.Length > 0 ? all : throw new BroadcastRequestException("no speakers are registered");
        }
        if (targets.DeviceIds.Count == 0) throw new BroadcastRequestException("no target speakers given");
        var unknown = targets.DeviceIds.Where(id => registry.Find(id) is null).ToArray();
        if (unknown.Length > 0) throw new BroadcastRequestException("unknown speakers: " + string.Join(", ", unknown));
        return targets.DeviceIds;
    }

    private static uint NewStreamId()
    {
        uint id;
        do id = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)); while (id == 0);
        return id;
    }

    private long NowUs() => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
