using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.DeviceAgent.Telemetry;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Playback;

/// <summary>What <see cref="PlayoutEngine.OnPacket"/> did with a packet.</summary>
internal enum PacketOutcome
{
    Buffered,
    /// <summary>No session on this stream is being played (a late packet after a switch).</summary>
    NotPlaying,
    /// <summary>The packet's frame size differs from the session's; its frames cannot sit on the timeline.</summary>
    WrongFrameSize,
}

/// <summary>
/// Plays the chosen session on its timeline and reports play events. Stream sample <c>p</c> belongs at controller
/// time <c>epochUs + p / 48 kHz + latencyMs</c>; the sink plays 48 kHz of the device clock, which runs at its own
/// rate. Every tick the engine writes the sink samples whose instant (minus the sink's latency) has come, filled
/// from the stream (decoded, concealed or silent) at the position the clock model puts at that instant; drift is
/// absorbed by taking one stream sample more or fewer per block, spread over the block, never by jumping.
/// Thread-safe: packets, session changes and ticks may come from different threads.
/// </summary>
internal sealed partial class PlayoutEngine : IDisposable
{
    /// <summary>Finished sessions remembered so that a late copy of a desired state cannot replay one.</summary>
    private const int FinishedMemory = 64;

    private readonly PlayoutSettings _settings;
    private readonly IAudioSink _sink;
    private readonly ControllerClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _decoderLogger;
    private readonly Action<PlayoutEvent> _onEvent;
    private readonly Lock _gate = new();
    private readonly short[] _pcm = new short[5760];
    private readonly Func<IFrameDecoder> _decoderFactory;
    private readonly PlayTimeCounter _playTime = new();
    private readonly Queue<string> _finishedOrder = new();
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    /// <summary>Released when there is something to play again (see PlayoutEngine.Run.cs); extra counts are harmless.</summary>
    private readonly SemaphoreSlim _wake = new(0);
    private SessionInfo? _chosen;
    private SessionRun? _run;
    private ToneRun? _tone;
    private int _deviceVolume;
    private int? _emergencyVolume;
    private TimeSpan? _outputBuffer;
    private bool _muted;
    private long _underruns;
    private long _sessionsStarted;
    private long _sessionsFinished;
    private long _sessionsInterrupted;
    private long _samplesInserted;
    private long _samplesDropped;
    private long _reanchors;

    /// <param name="decoderFactory">Makes each run's decoder (default: Opus as <paramref name="settings"/> say).</param>
    public PlayoutEngine(PlayoutSettings settings, IAudioSink sink, ControllerClock clock, TimeProvider time,
        ILoggerFactory loggerFactory, Action<PlayoutEvent> onEvent, Func<IFrameDecoder>? decoderFactory = null)
    {
        _settings = settings;
        _sink = sink;
        _clock = clock;
        _time = time;
        _logger = loggerFactory.CreateLogger<PlayoutEngine>();
        _decoderLogger = loggerFactory.CreateLogger<OpusFrameDecoder>();
        _onEvent = onEvent;
        _deviceVolume = settings.InitialVolume;
        _emergencyVolume = settings.InitialEmergencyVolume;
        _decoderFactory = decoderFactory ?? (() => new OpusPlayoutDecoder(new OpusFrameDecoder(_settings.UseNativeOpus, _decoderLogger)));
    }

    /// <summary>Told of every block written (inside the engine's lock: keep it short). For tests and simulations.</summary>
    public Action<PlayoutBlock>? BlockWritten { get; set; }

    public int DeviceVolume
    {
        get { lock (_gate) return _deviceVolume; }
        set { lock (_gate) _deviceVolume = Math.Clamp(value, 0, 100); }
    }

    /// <summary>The device's configured emergency volume, used for emergency sessions instead of theirs; null: theirs.</summary>
    public int? EmergencyVolume
    {
        get { lock (_gate) return _emergencyVolume; }
        set { lock (_gate) _emergencyVolume = value is { } v ? Math.Clamp(v, 0, 100) : null; }
    }

    /// <summary>
    /// Output buffer of the sound card from the configured latency profile (null: the sink's own), applied when the
    /// next session opens the sink; never more than half a session's latency.
    /// </summary>
    public TimeSpan? OutputBuffer
    {
        get { lock (_gate) return _outputBuffer; }
        set { lock (_gate) _outputBuffer = value; }
    }

    /// <summary>
    /// Muted: sessions below the emergency class play silently (on their timeline, reporting as usual, so that an
    /// unmute resumes them in place); an emergency session always sounds, at its forced volume.
    /// </summary>
    public bool Muted
    {
        get { lock (_gate) return _muted; }
        set { lock (_gate) _muted = value; }
    }

    /// <summary>The gain a session plays at now: its forced volume or the device's own, and nothing but an emergency while muted.</summary>
    private int VolumeFor(SessionInfo session) =>
        session.Priority == PriorityClass.Emergency
            ? _emergencyVolume ?? session.Volume ?? _deviceVolume
            : _muted ? 0 : session.Volume ?? _deviceVolume;

    /// <summary>True while a session's audio goes to the sink.</summary>
    public bool IsPlaying
    {
        get { lock (_gate) return _run is { Started: true }; }
    }

    public PlayoutSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new PlayoutSnapshot(_chosen?.Session, _run is { Started: true } ? _run.Info.Session : null,
                _tone is not null, _deviceVolume, _underruns, _sessionsStarted, _sessionsFinished,
                _sessionsInterrupted, _playTime.SecondsToday(_time.GetLocalNow(), ProtocolVersion.SampleRate),
                _samplesInserted, _samplesDropped, _reanchors);
        }
    }

    /// <summary>Makes <paramref name="session"/> the one to play (null: none). A change stops the current one.</summary>
    public void SetSession(SessionInfo? session)
    {
        var events = new List<PlayoutEvent>();
        lock (_gate)
        {
            if (session is not null && _finished.Contains(session.Session)) session = null;
            _chosen = session;
            if (_run is not null && session is not null && _run.Accepts(session))
            {
                // Same timeline: only volume or title changed.
                _run.Info = session;
            }
            else
            {
                if (_run is not null)
                    EndRun(events, session is null ? "removed from desired state" : $"preempted by {session.Session}");
                if (session is not null) _run = CreateRun(session);
            }
        }
        if (session is not null) _wake.Release();
        Dispatch(events);
    }

    public PacketOutcome OnPacket(AudioPacket packet)
    {
        lock (_gate)
        {
            if (_run is not { } run || packet.Stream != run.Info.Stream) return PacketOutcome.NotPlaying;
            if (packet.FrameSamples != run.FrameSamples) return PacketOutcome.WrongFrameSize;
            var reset = (packet.Flags & AudioPacketFlags.Discontinuity) != 0;
            for (var i = 0; i < packet.Frames.Count; i++)
                run.Buffer.Add(packet.Position + (ulong)(i * packet.FrameSamples), new BufferedFrame(packet.Frames[i], reset && i == 0));
            if (packet.IsEnd) run.Buffer.MarkEnd(packet.EndPosition);
            run.ReceivedUpTo = Math.Max(run.ReceivedUpTo, packet.EndPosition);
            run.LastPacketDeviceUs = _clock.DeviceNowUs;
            return PacketOutcome.Buffered;
        }
    }

    /// <summary>Plays the 2 s test tone unless a session is playing; false when refused.</summary>
    public bool TryStartTestTone()
    {
        lock (_gate)
        {
            if (_run is { Started: true } || _tone is not null) return false;
            _tone = new ToneRun(_clock.DeviceNowUs, _settings.ToneDuration);
            _sink.Open(ToneRun.SinkName);
            _wake.Release();
            return true;
        }
    }

    /// <summary>Stops whatever plays (interrupting a session), e.g. when the agent shuts down.</summary>
    public void Stop(string reason)
    {
        var events = new List<PlayoutEvent>();
        lock (_gate)
        {
            StopTone();
            if (_run is not null) EndRun(events, reason);
            _chosen = null;
        }
        Dispatch(events);
    }

    /// <summary>Writes everything whose time has come. Public for tests driving a fake clock.</summary>
    public void Tick()
    {
        var events = new List<PlayoutEvent>(0);
        lock (_gate)
        {
            Ticks++;
            var nowDevice = _clock.DeviceNowUs;
            if (_run is { } run) TickRun(run, nowDevice, events);
            if (_tone is { } tone) TickTone(tone, nowDevice);
        }
        Dispatch(events);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _run?.Dispose();
            _run = null;
            _tone = null;
        }
    }

    private SessionRun CreateRun(SessionInfo session)
    {
        var frameUs = session.FrameSamples * 1_000_000L / ProtocolVersion.SampleRate;
        var horizonUs = session.LatencyMs * 1_000L + (long)_settings.BufferSlack.TotalMicroseconds;
        var capacity = (int)Math.Clamp(horizonUs / frameUs + 1, 64, 30_000);
        var run = new SessionRun(session, new JitterBuffer(capacity), _decoderFactory())
        {
            Corrector = new DriftCorrector(_settings), LastPacketDeviceUs = _clock.DeviceNowUs,
        };
        LogSessionChosen(_logger, session.Session, session.Stream, session.Priority, session.Origin);
        return run;
    }

    private void EndRun(List<PlayoutEvent> events, string reason)
    {
        var run = _run!;
        _run = null;
        if (run.Started)
        {
            _sessionsInterrupted++;
            _sink.Close();
            events.Add(new PlayoutEvent(DeviceEventType.PlayInterrupted, run.Info.Session, ControllerNowUs(), run.Cursor,
                run.Underruns, reason));
            LogInterrupted(_logger, run.Info.Session, run.Cursor, reason);
        }
        run.Dispose();
    }

    private void Remember(string session)
    {
        if (!_finished.Add(session)) return;
        _finishedOrder.Enqueue(session);
        while (_finishedOrder.Count > FinishedMemory) _finished.Remove(_finishedOrder.Dequeue());
    }

    private long ControllerNowUs() => _clock.ControllerNowUs;

    private void Dispatch(List<PlayoutEvent> events)
    {
        foreach (var e in events)
        {
            try
            {
                _onEvent(e);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogEventHandlerFailed(_logger, e.Type, ex);
            }
        }
    }
}
