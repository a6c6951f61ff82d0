using System.Buffers;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Security;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.Controller.Devices;
using InfoRadio.Protocol.Link;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Messaging;

/// <summary>
/// The controller's own MQTT link. Connects as <c>controller</c>, keeps reconnecting (exponential backoff with
/// jitter), and dispatches what devices publish: reported state and telemetry to the <see cref="DeviceRegistry"/>,
/// events to every <see cref="IDeviceEventObserver"/>, clock requests answered at once. With an external broker it
/// subscribes to those topics (one filter per SUBSCRIBE); with the embedded broker it reads them from the
/// <see cref="DeviceMessageTap"/> instead. Everything the controller sends to devices goes through <see cref="PublishAsync"/>.
/// </summary>
public sealed partial class ControllerBus : IHostedService, IAsyncDisposable
{
    /// <summary>What the controller subscribes to, each in its own SUBSCRIBE (MQTTnet 5.2 misorders mixed SUBACKs).</summary>
    private static readonly (string Filter, MqttQualityOfServiceLevel Qos)[] Subscriptions =
    [
        (TopicTree.Filters.AllDeviceStates, MqttQualityOfServiceLevel.AtLeastOnce),
        (TopicTree.Filters.AllDeviceEvents, MqttQualityOfServiceLevel.AtLeastOnce),
        (TopicTree.Filters.AllDeviceTelemetry, MqttQualityOfServiceLevel.AtMostOnce),
        (TopicTree.Filters.AllClockRequests, MqttQualityOfServiceLevel.AtMostOnce),
        (TopicTree.Filters.AllEnrollmentRequests, MqttQualityOfServiceLevel.AtLeastOnce),
    ];

    private readonly BrokerOptions _options;
    private readonly ControllerCredentials _credentials;
    private readonly DeviceRegistry _registry;
    private readonly Lazy<IDeviceEventObserver[]> _observers;
    private readonly BusCounters _counters;
    private readonly TimeProvider _time;
    private readonly RepeatedWarningGate _malformedLog;
    private readonly ILogger<ControllerBus> _logger;
    private readonly IMqttClient _client;
    private readonly string _brokerAddress;
    private readonly ServerCertificateSource? _certificates;
    private readonly EventDeduplicator? _deduplicator;
    private readonly DeviceMessageTap? _tap;
    private readonly DeviceSessionDelivery? _sessionDelivery;
    private Thread? _tapReader;

    private TaskCompletionSource _ready = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();
    private volatile bool _isReady;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private Task? _clockLoop;

    public ControllerBus(
        IOptions<BrokerOptions> options,
        ControllerCredentials credentials,
        DeviceRegistry registry,
        IEnumerable<IDeviceEventObserver> observers,
        BusCounters counters,
        TimeProvider time,
        ILogger<ControllerBus> logger,
        ServerCertificateSource? certificates = null,
        EventDeduplicator? deduplicator = null,
        DeviceMessageTap? tap = null,
        DeviceSessionDelivery? sessionDelivery = null)
    {
        _tap = tap;
        _sessionDelivery = sessionDelivery;
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        // Materialized on the first event: observers (the broadcast service) publish through this bus themselves,
        // so resolving them while the bus is being constructed would be a dependency cycle.
        _observers = new Lazy<IDeviceEventObserver[]>(() => (observers ?? []).ToArray());
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // Every malformed message is counted; a device repeating them is logged once a minute per topic kind.
        _malformedLog = new RepeatedWarningGate(time, TimeSpan.FromMinutes(1));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _certificates = certificates;
        _deduplicator = deduplicator;
        _brokerAddress = $"{_options.Host}:{(UsesTls ? _options.Tls.Port : _options.Port)}{(UsesTls ? " (TLS)" : "")}";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += e =>
        {
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Where enrollment requests go; without one they are counted as unexpected and dropped.</summary>
    public IEnrollmentRequestHandler? EnrollmentHandler { get; set; }

    /// <summary>Raised after every successful (re)connection, once the subscriptions are in place.</summary>
    public event Action? Connected;

    /// <summary>Connected and subscribed: publishing works and device messages arrive.</summary>
    public bool IsConnected => _isReady && _client.IsConnected;

    public BusCounters Counters => _counters;

    public ReconnectBackoff Backoff { get; init; } = ReconnectBackoff.Default;

    /// <summary>Completes once the link is (or becomes) connected and subscribed.</summary>
    /// <remarks>It completes after the <see cref="Connected"/> handlers ran, so a waiter sees what they did.</remarks>
    public Task WaitConnectedAsync(CancellationToken ct) => Volatile.Read(ref _ready).Task.WaitAsync(ct);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null) throw new InvalidOperationException("The controller bus is already started.");
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        _clockLoop = Task.Run(() => AnswerClocksAsync(_stopping.Token), CancellationToken.None);
        if (_tap is { } tap)
        {
            var stopping = _stopping.Token;
            _tapReader = new Thread(() => ReadTap(tap, stopping)) { IsBackground = true, Name = "controller-bus-tap" };
            _tapReader.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        if (_clockLoop is not null) await _clockLoop.ConfigureAwait(false);
        _clockLoop = null;
        _tapReader?.Join(TimeSpan.FromSeconds(5));
        _tapReader = null;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDisconnectFailed(ex);
            }
        }
        _loop = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stopping?.Dispose();
    }

    /// <summary>
    /// Publishes one message. The payload is referenced, not copied: do not change it until the task completes. A
    /// cancelled call returns at once, but the message is still sent whole (see <see cref="Uncut"/>).
    /// </summary>
    /// <exception cref="BusNotConnectedException">The link is down; nothing was sent.</exception>
    /// <exception cref="BusPublishException">The broker refused a QoS 1 message.</exception>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qos, bool retain,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!IsConnected) throw new BusNotConnectedException(topic, _brokerAddress);
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = qos,
            Retain = retain,
        };
        MqttClientPublishResult result;
        try
        {
            result = await Uncut.SendAsync(c => _client.PublishAsync(message, c), ct).ConfigureAwait(false);
        }
        catch (MqttCommunicationException ex)
        {
            throw new BusNotConnectedException(topic, _brokerAddress, ex);
        }
        if (!result.IsSuccess) throw new BusPublishException(topic, $"{result.ReasonCode} {result.ReasonString}".Trim());
    }

    /// <summary>
    /// Over TLS when the broker has no plain endpoint (embedded, plain closed) or is an external one with TLS; the
    /// embedded broker's loopback plain endpoint needs none.
    /// </summary>
    private bool UsesTls => _options.Tls.Enabled && (_options.Tls.DisablePlainEndpoint || !_options.Embedded);

    /// <summary>The embedded broker's own certificate, pinned; an external broker's by CA file or thumbprint.</summary>
    private ServerCertificateTrust Trust() => _options.Embedded
        ? ServerCertificateTrust.Create(
            (_certificates ?? throw new InvalidOperationException("TLS to the embedded broker needs its certificate source")).Thumbprint, null, false)
        : ServerCertificateTrust.Create(_options.Tls.Thumbprint, _options.Tls.CaFile, false);

    private async Task RunAsync(CancellationToken stopping)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, UsesTls ? _options.Tls.Port : _options.Port)
            .WithClientId(ControllerCredentials.Username)
            .WithCredentials(ControllerCredentials.Username, _credentials.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            // An external broker keeps the session while the controller is away, and with it what devices sent meanwhile
            // (ExternalBrokerOptions.ControllerSessionExpirySeconds); the embedded broker stops with the controller.
            .WithCleanStart(_options.Embedded || _options.External.ControllerSessionExpirySeconds == 0)
            .WithSessionExpiryInterval(_options.Embedded ? 0u : (uint)Math.Max(0, _options.External.ControllerSessionExpirySeconds))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithoutPacketFragmentation(); // a packet in one write, not its header and payload in two
        if (UsesTls) builder.WithTlsOptions(Trust().ToMqttTlsOptions(_options.Tls.TargetHost is { Length: > 0 } host ? host : _options.Host));
        var options = builder.Build();
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _disconnected, NewSignal());
            try
            {
                var result = await _client.ConnectAsync(options, stopping).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    _counters.CountConnectFailure();
                    LogConnectRefused(_brokerAddress, result.ResultCode, result.ReasonString ?? "");
                }
                else
                {
                    // An external broker may have restarted (and forgotten retained states) while the link was down;
                    // the embedded one tells the registry of every connection itself.
                    if (!_options.Embedded) _registry.MarkAllOffline();
                    await SubscribeAllAsync(stopping).ConfigureAwait(false);
                    attempt = 0;
                    _counters.CountConnect();
                    _isReady = true;
                    LogConnected(_brokerAddress);
                    // Handlers first (they may publish: IsConnected is already true), waiters after them.
                    RaiseConnected();
                    Volatile.Read(ref _ready).TrySetResult();
                    await _disconnected.Task.WaitAsync(stopping).ConfigureAwait(false);
                    LogConnectionLost(_brokerAddress);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _counters.CountConnectFailure();
                LogConnectFailed(_brokerAddress, ex.Message);
                await DisconnectQuietlyAsync().ConfigureAwait(false);
            }
            finally
            {
                MarkNotReady();
            }
            try
            {
                await Task.Delay(Backoff.Delay(attempt++), _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task SubscribeAllAsync(CancellationToken ct)
    {
        if (_tap is not null) return; // the embedded broker hands device messages over in process
        foreach (var (filter, qos) in Subscriptions)
        {
            var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build();
            var result = await Uncut.SendAsync(c => _client.SubscribeAsync(options, c), ct).ConfigureAwait(false);
            var code = result.Items.Single().ResultCode;
            if (code > MqttClientSubscribeResultCode.GrantedQoS2)
                throw new InvalidOperationException($"the broker refused the subscription to '{filter}' ({code})");
        }
    }

    private void MarkNotReady()
    {
        if (!_isReady) return;
        _isReady = false;
        // Callers of WaitConnectedAsync from now on wait for the next connection.
        Volatile.Write(ref _ready, NewSignal());
    }

    private async Task DisconnectQuietlyAsync()
    {
        if (!_client.IsConnected) return;
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDisconnectFailed(ex);
        }
    }

    private void RaiseConnected()
    {
        try
        {
            Connected?.Invoke();
        }
        catch (Exception ex)
        {
            LogConnectedHandlerFailed(ex);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
