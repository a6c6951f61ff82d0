using System.Threading.Channels;
using InfoRadio.Codec;
using InfoRadio.DeviceAgent.Board;
using InfoRadio.DeviceAgent.Amplifier;
using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Commands;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Sinks;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

/// <summary>
/// One speaker cluster's agent: follows the desired state over MQTT, keeps the controller's clock, plays the
/// chosen session on its timeline into the configured sink, and reports state, events and telemetry. Hosted by
/// <see cref="AgentWorker"/> on a box, or in-process (the controller's demo mode, benchmarks, tests).
/// </summary>
public sealed partial class SpeakerAgent : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerClock _clock;
    private readonly IAudioSink _sink;
    private readonly PlayoutEngine _engine;
    private readonly AgentLink _link;
    private readonly ClockSyncClient _clockSync;
    private readonly DesiredStateFollower _follower = new();
    /// <summary>The follower's "next", published for <see cref="Status"/> (the follower lives on the agent loop).</summary>
    private Protocol.Messages.NextItem? _next;
    private readonly MalformedMessageCounter _malformed;
    private readonly RecentIds _recentCommands = new();
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _desiredSources;
    private readonly long _startedTimestamp;
    private CancellationTokenSource? _runCts;
    private long _desiredRev = -1;
    private int _running;
    private volatile bool _rebootRequested;

    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SpeakerAgent(AgentOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
        : this(options, loggerFactory, timeProvider, sinkFactory: null, random: null, relayDriver: null)
    {
    }

    /// <summary>With a board of the caller's (e.g. a <see cref="SimulatedBoardSensors"/> a test changes while the agent runs).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SpeakerAgent(AgentOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IBoardSensors board)
        : this(options, loggerFactory, timeProvider, sinkFactory: null, random: null, board ?? throw new ArgumentNullException(nameof(board)))
    {
    }

    /// <summary>
    /// For tests: a sink of their own (built with the agent's error reporter), a seeded random source for the
    /// reconnect jitter, and relays of their own.
    /// </summary>
    internal SpeakerAgent(AgentOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider,
        Func<Action<string>, IAudioSink>? sinkFactory, Random? random, IBoardSensors? board = null, IRelayDriver? relayDriver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = AgentOptionsValidator.Check(options);
        if (errors.Count > 0) throw new ArgumentException("Invalid agent options: " + string.Join("; ", errors), nameof(options));

        _options = options;
        _time = timeProvider;
        _clock = new ControllerClock(timeProvider);
        _logger = loggerFactory.CreateLogger<SpeakerAgent>();
        _clockFile = new Clock.ClockModelFile(options.StateDirectory);
        RestoreSavedClock();
        _startedTimestamp = timeProvider.GetTimestamp();
        _malformed = new MalformedMessageCounter(timeProvider);
        Board = board ?? BoardSensors.Create(options.Board);
        _desiredSources = new HashSet<string>(
            options.Zones.Prepend(TopicTree.AllZone).Select(TopicTree.ZoneDesired).Append(TopicTree.DeviceDesired(options.DeviceId)),
            StringComparer.Ordinal);
        _sink = sinkFactory?.Invoke(ReportOutputError) ?? AudioSinkFactory.Create(options, ReportOutputError, loggerFactory, timeProvider);
        _engine = new PlayoutEngine(PlayoutSettings.From(options), _sink, _clock, timeProvider, loggerFactory, OnPlayoutEvent);
        _amplifier = new AmplifierSequencer(relayDriver ?? RelayDriverFactory.Create(options.Relays, timeProvider),
            DefaultRelayDelays(options.Relays), timeProvider, loggerFactory.CreateLogger<AmplifierSequencer>(), ReportOutputError);
        _telemetryInterval = TimeSpan.FromSeconds(options.TelemetryIntervalSeconds);
        _configFile = new Settings.ConfigFile(options.StateDirectory);
        LoadStoredConfig();
        _link = new AgentLink(options, timeProvider, loggerFactory.CreateLogger<AgentLink>(), random)
        {
            MessageReceived = OnMessage,
            Subscribing = () => Post(() => _follower.ExpectFreshCopies(_desiredSources)),
            Connected = OnConnectedAsync,
            Disconnected = OnLinkDown,
            OnlineState = () => BuildReportedState(online: true),
        };
        InitOffline(loggerFactory);
        _clockSync = new ClockSyncClient(_clock, timeProvider, SendClockRequestAsync, loggerFactory.CreateLogger<ClockSyncClient>(),
            ClockSyncSettings.From(options), () => _engine.IsPlaying);
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>The sensors telemetry reads (from <see cref="AgentOptions.Board"/> unless given to the constructor).</summary>
    public IBoardSensors Board { get; }

    /// <summary>
    /// Called on the agent loop with a new secret from a <c>rotate-secret</c> command, before the agent reconnects
    /// with it; it should store the secret durably (throw <see cref="IOException"/> when it cannot).
    /// </summary>
    public Action<string>? SecretRotated { get; set; }

    /// <summary>The MQTT password the agent connects with now (changes on a rotation).</summary>
    internal string CurrentSecret => _link.Secret;

    public AgentStatus Status
    {
        get
        {
            var playout = _engine.Snapshot();
            return new AgentStatus
            {
                Connected = _link.IsConnected,
                CurrentSession = playout.PlayingSession,
                ChosenSession = playout.ChosenSession,
                Next = Volatile.Read(ref _next),
                ClockSynchronized = _clock.IsSynchronized,
                OffsetUs = _clock.OffsetUs,
                ClockSamples = _clock.SampleCount,
                DriftPpm = _clock.DriftPpm,
                DriftConverged = _clock.DriftConverged,
                ClockJumps = _clock.Jumps,
                SamplesInserted = playout.SamplesInserted,
                SamplesDropped = playout.SamplesDropped,
                Reanchors = playout.Reanchors,
                Underruns = playout.Underruns,
                MalformedMessages = _malformed.Total,
                MalformedByTopic = _malformed.ByKind,
                SessionsStarted = playout.SessionsStarted,
                SessionsFinished = playout.SessionsFinished,
                SessionsInterrupted = playout.SessionsInterrupted,
                Volume = playout.DeviceVolume,
                Muted = _engine.Muted,
                Connects = _link.Connects,
                EventsProduced = _link.EventsProduced,
                QueuedEvents = _link.QueuedEvents,
                EventsDropped = _link.EventsDropped,
                ConnectRefusals = _link.Refusals,
                RebootRequested = _rebootRequested,
                ConfigVersion = Volatile.Read(ref _config)?.Version,
                Config = Volatile.Read(ref _config),
                PowerRelay = _amplifier.PowerOn,
                AmplifierRelay = _amplifier.AmplifierOn,
                CacheReady = _prefetcher.Status.Ready,
                CacheMissing = _prefetcher.Status.Missing,
            };
        }
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled or a reboot command arrives, reconnecting as
    /// needed; then interrupts what plays, publishes the offline state and disconnects cleanly. Call once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0) throw new InvalidOperationException("RunAsync may be called once per agent");
        using var cts = _runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        LogStarting(_logger, _options.DeviceId, _options.ControllerHost, _options.ControllerPort, _sink.Name, _options.Firmware);
        OpusCodecLog.ReportChoice(_logger, "decoder", "Agent:UseNativeOpus", _options.UseNativeOpus);
        var tasks = new[]
        {
            _link.RunAsync(token),
            _engine.RunAsync(token),
            _clockSync.RunAsync(token),
            RunTelemetryAsync(token),
            RunWorkAsync(token),
            _prefetcher.RunAsync(token),
            RunOfflineClockAsync(token),
        };
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            _engine.Stop(_rebootRequested ? "device rebooting" : "agent stopping");
            SaveClock();
            _amplifier.Dispose();
            // Queued events, the offline state and the DISCONNECT each wait for the broker: on a slow 4G link or a
            // starved box that is seconds, and the host gives a stopping service 30 s. Past this the Will says offline.
            await _link.ShutdownAsync(BuildReportedState(online: false), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            _runCts = null;
            LogStopped(_logger, _options.DeviceId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _link.DisposeAsync().ConfigureAwait(false);
        _engine.Dispose();
        _amplifier.Dispose();
        _sink.Dispose();
        _toneRelease?.Dispose();
        _offlinePlayer.Dispose();
        _http.Dispose();
    }

    /// <summary>Queues work for the agent loop, the one thread that owns the desired-state follower.</summary>
    private void Post(Action action) => _work.Writer.TryWrite(action);

    private async Task RunWorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var action in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    action();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogWorkFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        OnLinkUp();
        Post(Reevaluate);
        // The clock-sync loop sends the burst; the samples taken before the link dropped stay valid.
        _clockSync.RequestBurst();
        ReportDroppedEvents();
        RunInBackground(() => PublishTelemetryAsync(cancellationToken), "telemetry");
        return Task.CompletedTask;
    }

    private void RunInBackground(Func<Task> work, string what) => _ = Task.Run(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBackgroundFailed(_logger, what, ex);
        }
    });

    private Task<bool> SendClockRequestAsync(ClockSyncRequest request, CancellationToken cancellationToken) =>
        _link.PublishAsync(TopicTree.ClockRequest(_options.DeviceId), MessageCodec.Encode(request),
            MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce, false, cancellationToken);

    private ReportedState BuildReportedState(bool online)
    {
        var playout = _engine.Snapshot();
        var rev = Interlocked.Read(ref _desiredRev);
        return new ReportedState
        {
            Online = online,
            AtUs = DeviceTime.NowUs(_time),
            Firmware = _options.Firmware,
            Session = online ? playout.PlayingSession : null,
            Volume = playout.DeviceVolume,
            Muted = _engine.Muted,
            DesiredRev = rev >= 0 ? rev : null,
            ConfigVersion = Volatile.Read(ref _config)?.Version,
        };
    }
}
