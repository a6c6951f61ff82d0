using System.Buffers.Binary;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>The moment a live session's timeline starts: input written from now on is broadcast.</summary>
public sealed record LiveOnAir(string Id, uint Stream, long EpochUs, int LatencyMs);

/// <summary>What a live session did with its input so far.</summary>
public sealed record LiveInputStats(
    ulong AcceptedSamples, ulong SilenceSamples, long EarlyChunks, long AheadChunks, long PacketsPublished, long PublishFailures);

/// <summary>
/// A live broadcast session (from <see cref="BroadcastService.StartLive"/>): takes 48 kHz mono PCM as it is spoken,
/// in chunks of any size, encodes it once with the live profile and publishes each packet the moment it is full,
/// with no pacing beyond the packet's fill. The session is announced when it opens, so that speakers subscribe before
/// anyone speaks; its epoch, one start lead later, is the instant it goes on air (<see cref="OnAir"/>). Position
/// <c>p</c> stands for controller time <c>epoch + p / 48 kHz</c>: the stream begins at the position of the instant its
/// first sample entered, and each later chunk is placed by its arrival (<see cref="LiveTimeline"/>), so every sample
/// sounds the profile's latency after it entered. <see cref="EndAsync"/> sends the End packet; the service then
/// waits for the speakers' reports and withdraws the session. One writer at a time: writes and the end are not
/// concurrent.
/// </summary>
public sealed partial class LiveBroadcast
{
    public const string SourceFormat = "live PCM 48 kHz mono";

    private readonly ActiveBroadcast _active;
    private readonly LiveInputOptions _input;
    private readonly ulong _maxSamples;
    private readonly BroadcastStreamer _streamer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<LiveOnAir> _onAir = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<AirResult> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly float[] _silence;
    private float[] _converted = [];
    private volatile LiveTimeline? _timeline;
    private StreamingOpusEncoder? _encoder;
    private bool _endRequested;
    private long _early, _ahead, _packets, _publishFailures;

    internal LiveBroadcast(ActiveBroadcast active, LiveInputOptions input, ulong maxSamples, BroadcastStreamer streamer,
        TimeProvider time, ILogger logger)
    {
        _active = active;
        _input = input;
        _maxSamples = maxSamples;
        _streamer = streamer;
        _time = time;
        _logger = logger;
        _silence = new float[active.Profile.Opus.FrameSamples];
    }

    /// <summary>The broadcast's id (also the session id speakers see).</summary>
    public string Id => _active.Record.Id;

    public BroadcastProfile Profile => _active.Profile;

    /// <summary>Completes at the session's epoch; faults when the session could not be announced.</summary>
    public Task<LiveOnAir> OnAir => _onAir.Task;

    /// <summary>Cancelled when the controller ends the session itself (it is shutting down).</summary>
    public CancellationToken Stopping => _active.Stop.Token;

    public bool IsEnded => _endRequested;

    public LiveInputStats Stats
    {
        get
        {
            var timeline = _timeline;
            ulong accepted = 0, silence = 0;
            if (timeline is { Started: true })
            {
                silence = timeline.SilenceSamples;
                accepted = timeline.Position - timeline.StartPosition - silence;
            }
            return new LiveInputStats(accepted, silence, Interlocked.Read(ref _early), Interlocked.Read(ref _ahead),
                Interlocked.Read(ref _packets), Interlocked.Read(ref _publishFailures));
        }
    }

    /// <summary>
    /// Broadcasts the next samples (48 kHz mono, −1…1). Returns what became of them: <see cref="LivePlacementKind.Early"/>
    /// before the epoch and <see cref="LivePlacementKind.Ahead"/> beyond the send-ahead are dropped;
    /// <see cref="LivePlacementKind.TooLong"/> means the session reached its longest length and should end.
    /// </summary>
    public async ValueTask<LivePlacementKind> WriteAsync(ReadOnlyMemory<float> samples, CancellationToken ct = default)
    {
        if (_endRequested) throw new InvalidOperationException("the live session has ended");
        var timeline = _timeline;
        var placement = timeline is null
            ? new LivePlacement(LivePlacementKind.Early, 0, 0)
            : timeline.Place(NowUs(), samples.Length);
        switch (placement.Kind)
        {
            case LivePlacementKind.Early:
                Interlocked.Increment(ref _early);
                LiveCounters.DroppedChunks.Add(1, new KeyValuePair<string, object?>("reason", "early"));
                return placement.Kind;
            case LivePlacementKind.Ahead:
                var ahead = Interlocked.Increment(ref _ahead);
                LiveCounters.DroppedChunks.Add(1, new KeyValuePair<string, object?>("reason", "ahead"));
                if (ahead == 1 || ahead % 100 == 0) LogAhead(Id, ahead);
                return placement.Kind;
            case LivePlacementKind.TooLong:
                return placement.Kind;
        }

        _encoder ??= new StreamingOpusEncoder(Profile.Opus, _active.Record.Stream, Profile.FramesPerPacket, placement.Position - placement.Silence);
        if (placement.Silence > 0)
        {
            LiveCounters.SilenceSamples.Add((long)placement.Silence);
            LogGapFilled(Id, (long)(placement.Silence * 1000 / ProtocolVersion.SampleRate));
            for (var left = placement.Silence; left > 0;)
            {
                var take = (int)Math.Min(left, (ulong)_silence.Length);
                await PublishAsync(_encoder.Write(_silence.AsSpan(0, take)), ct);
                left -= (ulong)take;
            }
        }
        await PublishAsync(_encoder.Write(samples.Span), ct);
        return placement.Kind;
    }

    /// <summary>Broadcasts 16-bit little-endian PCM (48 kHz mono), e.g. a WebSocket message.</summary>
    /// <exception cref="ArgumentException">The byte count is odd.</exception>
    public ValueTask<LivePlacementKind> WritePcm16Async(ReadOnlyMemory<byte> littleEndianPcm, CancellationToken ct = default)
    {
        if (littleEndianPcm.Length % 2 != 0)
            throw new ArgumentException($"{littleEndianPcm.Length} bytes is not a whole number of 16-bit samples", nameof(littleEndianPcm));
        var count = littleEndianPcm.Length / 2;
        if (_converted.Length < count) _converted = new float[count];
        var bytes = littleEndianPcm.Span;
        for (var i = 0; i < count; i++) _converted[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]) / 32768f;
        return WriteAsync(_converted.AsMemory(0, count), ct);
    }

    /// <summary>
    /// Ends the input: the last partial frame is padded with silence and the End packet goes out. The service then
    /// waits for the speakers to report. <paramref name="reason"/> says why it ended unusually (dropped, bad input).
    /// Idempotent.
    /// </summary>
    public async Task EndAsync(string? reason = null)
    {
        if (_endRequested) return;
        _endRequested = true;
        var timeline = _timeline;
        var started = timeline is { Started: true };
        IReadOnlyList<AudioPacket> last;
        if (_encoder is { } encoder)
        {
            last = encoder.Complete();
            encoder.Dispose();
        }
        else
        {
            last = new AudioPacketizer(_active.Record.Stream, Profile.Opus.FrameSamples, Profile.FramesPerPacket).Complete();
        }
        await PublishAsync(last, CancellationToken.None);
        var end = last[^1].EndPosition;
        var durationMs = started ? (long)((end - timeline!.StartPosition) * 1000 / ProtocolVersion.SampleRate) : 0;
        var stats = Stats;
        LogEnded(Id, durationMs, reason ?? "the source closed", (long)(stats.SilenceSamples * 1000 / ProtocolVersion.SampleRate),
            stats.EarlyChunks, stats.AheadChunks, stats.PublishFailures);
        _ended.TrySetResult(new AirResult(started ? end : 0, durationMs, reason));
    }

    /// <summary>The session's air, run by the service's lifecycle: announce, go on air at the epoch, wait for the end.</summary>
    internal async Task<AirResult> AirAsync(Func<CancellationToken, Task<Protocol.Messages.SessionInfo>> announce, CancellationToken ct)
    {
        try
        {
            var session = await announce(ct);
            _timeline = new LiveTimeline(session.EpochUs, new LiveTimelineLimits(
                MaxLag: TimeSpan.FromMilliseconds(_input.MaxInputLagMs), TargetLead: TimeSpan.FromMilliseconds(_input.TargetLeadMs),
                MaxLead: TimeSpan.FromMilliseconds(Profile.SendAheadMs), Hold: TimeSpan.FromMilliseconds(_input.CorrectAfterMs), _maxSamples));
            WarmUpEncoder();
            var waitUs = session.EpochUs - NowUs();
            if (waitUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(waitUs), _time, ct);
            LogOnAir(Id, session.Stream, session.LatencyMs, Profile.FramesPerPacket);
            _onAir.TrySetResult(new LiveOnAir(Id, session.Stream, session.EpochUs, session.LatencyMs));
        }
        catch (Exception ex)
        {
            _onAir.TrySetException(ex);
            throw;
        }
        using (ct.Register(() => _ended.TrySetCanceled(ct)))
            return await _ended.Task;
    }

    /// <summary>
    /// Encodes one frame of silence before going on air: the first encode of a process pays for compiling the codec,
    /// and paid while a source streams it would stall the input.
    /// </summary>
    private void WarmUpEncoder()
    {
        using var encoder = new OpusFrameEncoder(Profile.Opus);
        encoder.Encode(_silence);
    }

    private async Task PublishAsync(IReadOnlyList<AudioPacket> packets, CancellationToken ct)
    {
        foreach (var packet in packets)
        {
            try
            {
                await _streamer.PublishAsync(packet, ct);
                Interlocked.Increment(ref _packets);
            }
            catch (InvalidOperationException ex) when (ex is BusNotConnectedException or BusPublishException)
            {
                // Audio is QoS 0: a packet the broker never took is lost like one lost on the way; the session goes on.
                var failures = Interlocked.Increment(ref _publishFailures);
                LiveCounters.PublishFailures.Add(1);
                if (failures == 1 || failures % 100 == 0) LogPublishFailed(ex, Id, failures);
            }
        }
    }

    private long NowUs() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
