using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using InfoRadio.Controller.Security;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Packets;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// The MQTTnet broker inside the controller: listens on <see cref="BrokerOptions.Port"/> on all interfaces,
/// admits the controller (its credentials) and registered devices (device id + secret, client id = device id,
/// Last Will on its own state topic only), and enforces <see cref="TopicAccessPolicy"/> on every publish and
/// subscription. Every refusal is logged and counted in <see cref="BrokerCounters"/>.
/// </summary>
public sealed partial class EmbeddedBroker : IHostedService, IAsyncDisposable
{
    private const string IdentityKey = "inforadio.identity";

    private readonly BrokerOptions _options;
    private readonly DeviceRegistry _registry;
    private readonly ControllerCredentials _credentials;
    private readonly TopicAccessPolicy _policy;
    private readonly EnrollmentTokens _enrollmentTokens;
    private readonly BrokerCounters _counters;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly MqttNetLogBridge _mqttLog;
    private readonly ConnectThrottle _throttle;
    private readonly DeviceMessageTap? _tap;
    private readonly DeviceSessionDelivery? _sessionDelivery;
    private readonly StreamDeadlines? _streamDeadlines;
    private readonly SecretCheckWorkers _secretChecks;
    private readonly RepeatedWarningGate _overflowLog = new(TimeProvider.System, TimeSpan.FromSeconds(10));
    private readonly ServerCertificateSource? _certificates;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Device id → remote endpoint of its live connection, so a late disconnect of an old one is ignored.</summary>
    private readonly ConcurrentDictionary<string, string> _live = new(StringComparer.Ordinal);

    private MqttServer? _server;

    /// <param name="enrollmentTokens">The tokens that open an enrollment session (username <c>enroll</c>); none: enrollment is closed.</param>
    public EmbeddedBroker(
        IOptions<BrokerOptions> options,
        DeviceRegistry registry,
        ControllerCredentials credentials,
        TopicAccessPolicy policy,
        BrokerCounters counters,
        ILogger<EmbeddedBroker> logger,
        ConnectThrottle? throttle = null,
        ServerCertificateSource? certificates = null,
        EnrollmentTokens? enrollmentTokens = null,
        DeviceMessageTap? deviceMessageTap = null,
        DeviceSessionDelivery? sessionDelivery = null,
        StreamDeadlines? streamDeadlines = null)
    {
        _streamDeadlines = streamDeadlines;
        _tap = deviceMessageTap;
        _sessionDelivery = sessionDelivery;
        _enrollmentTokens = enrollmentTokens ?? EnrollmentTokens.None;
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _mqttLog = new MqttNetLogBridge(logger);
        _throttle = throttle ?? new ConnectThrottle(options, TimeProvider.System);
        var checks = _options.SecretChecksAtOnce > 0 ? _options.SecretChecksAtOnce : Environment.ProcessorCount;
        _secretChecks = new SecretCheckWorkers(checks);
        _certificates = certificates;
        if (_options.Tls.Enabled && certificates is null)
            throw new ArgumentException("Broker:Tls:Enabled needs a server certificate source", nameof(certificates));
    }

    /// <summary>Completes when the broker listens; faults if it could not start.</summary>
    public Task StartedTask => _started.Task;

    public bool IsRunning => _server?.IsStarted == true;

    public int Port => _options.Port;

    /// <summary>The TLS endpoint's port, or null without TLS.</summary>
    public int? TlsPort => _options.Tls.Enabled ? _options.Tls.Port : null;

    public BrokerCounters Counters => _counters;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) throw new InvalidOperationException("The embedded broker is already started.");
        var builder = new MqttServerOptionsBuilder();
        if (_options.Tls is { Enabled: true, DisablePlainEndpoint: true })
        {
            builder.WithoutDefaultEndpoint();
        }
        else
        {
            builder.WithDefaultEndpoint()
                .WithDefaultEndpointPort(_options.Port)
                .WithDefaultEndpointBoundIPAddress(IPAddress.Any)
                .WithDefaultEndpointBoundIPV6Address(_options.ListenIPv6 ? IPAddress.IPv6Any : IPAddress.None);
        }
        if (_options.Tls.Enabled)
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(_options.Tls.Port)
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Any)
                .WithEncryptedEndpointBoundIPV6Address(_options.ListenIPv6 ? IPAddress.IPv6Any : IPAddress.None)
                .WithEncryptionCertificate(_certificates!.Certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }
        // One write per packet: MQTTnet 5.2 otherwise writes a PUBLISH's header and its payload in two calls, two
        // send() system calls and two TCP segments per listener per audio packet, the largest kernel cost of a
        // fan-out to thousands of speakers (tools/Bench fanout).
        builder
            .WithoutPacketFragmentation()
            .WithConnectionBacklog(_options.Backlog)
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .WithDefaultCommunicationTimeout(TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds));
        var adapter = new ConnectCapturingServerAdapter(new MqttTcpServerAdapter());
        var server = new MqttServerFactory(_mqttLog).CreateMqttServer(builder.Build(), [adapter], _mqttLog);
        server.ValidatingConnectionAsync += OnValidatingConnection;
        server.ClientConnectedAsync += OnClientConnected;
        server.ClientDisconnectedAsync += OnClientDisconnected;
        server.InterceptingPublishAsync += OnInterceptingPublish;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscription;
        server.QueuedApplicationMessageOverwrittenAsync += OnQueueOverflow;
        if (_streamDeadlines is not null) server.InterceptingOutboundPacketAsync += OnInterceptingOutbound;
        try
        {
            await server.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            server.Dispose();
            var failure = ex is SocketException
                ? new InvalidOperationException(
                    $"The embedded MQTT broker cannot listen on port {_options.Port}{(_options.Tls.Enabled ? $" (TLS {_options.Tls.Port})" : "")}: {ex.Message}. Is another broker "
                    + "(mosquitto?) or controller running? Change Broker:Port, or set Broker:Embedded=false to use an "
                    + "external broker.", ex)
                : ex;
            LogStartFailed(failure, _options.Port);
            _started.TrySetException(failure);
            throw failure;
        }
        _server = server;
        _sessionDelivery?.Attach(DeliverToSession);
        _registry.CredentialsRevoked += OnCredentialsRevoked;
        _registry.CredentialsReissued += OnCredentialsReissued;
        if (_options.Tls.Enabled) LogListeningTls(_options.Tls.Port, _options.Tls.DisablePlainEndpoint ? "closed" : $"also open on {_options.Port}");
        else LogListening(_options.Port);
        _started.TrySetResult();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null) return;
        _sessionDelivery?.Detach();
        _registry.CredentialsRevoked -= OnCredentialsRevoked;
        _registry.CredentialsReissued -= OnCredentialsReissued;
        try
        {
            await server.StopAsync(new MqttServerStopOptions()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            server.Dispose();
            _live.Clear();
            LogStopped();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Client ids of every connection the broker holds now.</summary>
    public async Task<IReadOnlyList<string>> GetConnectedClientIdsAsync()
    {
        var server = _server ?? throw new InvalidOperationException("The embedded broker is not running.");
        var clients = await server.GetClientsAsync().ConfigureAwait(false);
        return clients.Select(c => c.Id).ToList();
    }

    private Task OnValidatingConnection(ValidatingConnectionEventArgs e)
    {
        var connect = (e.ChannelAdapter as ConnectCapturingChannelAdapter)?.ConnectPacket;
        if (connect is null)
            return Refuse(e, MqttConnectReasonCode.ImplementationSpecificError, "the CONNECT packet was not captured", _counters.AuthFailed);

        var user = e.UserName;
        ClientIdentity identity;
        // The controller's password is a constant-time compare of a long random value, so it is checked even from a
        // locked-out address: a guesser on the same host must not be able to cut the controller off its own broker.
        if (user == ControllerCredentials.Username && _credentials.Matches(e.Password))
        {
            identity = ClientIdentity.Controller;
        }
        else
        {
            if (_throttle.Check(e.RemoteEndPoint, e.ClientId) is { } lockout)
            {
                // Refused before any secret is looked at: guessing stops and costs no PBKDF2. Logged once, at the lockout's start.
                e.ReasonCode = MqttConnectReasonCode.ConnectionRateExceeded;
                e.ReasonString = $"too many failed connections: retry in {Math.Ceiling(lockout.Remaining.TotalSeconds):0} s";
                _counters.Throttled();
                return Task.CompletedTask;
            }
            // Enrollment tokens are guessed like secrets: the same lockouts apply.
            if (user == EnrollmentIds.Username) return ValidateEnrollment(e, connect);
            if (user == ControllerCredentials.Username)
                return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword, "wrong controller password", _counters.AuthFailed);
            if (string.IsNullOrEmpty(user))
                return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword, "no username", _counters.AuthFailed);
            if (!Identifiers.IsValid(user))
                return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword, "username is not a valid device id", _counters.AuthFailed);
            if (_registry.IsRevoked(user))
                return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword, "the device is revoked", _counters.AuthFailed);
            // A secret verified before is a digest compare; a new one costs PBKDF2, a few milliseconds of a core.
            return _registry.IsVerifiedBefore(user, e.Password) ? Decide(e, connect, user, verified: true) : VerifyDeviceInTurnAsync(e, connect, user);
        }
        return Admit(e, connect, user, identity);
    }

    /// <summary>PBKDF2 on at most <see cref="BrokerOptions.SecretChecksAtOnce"/> workers of their own (<see cref="SecretCheckWorkers"/>); the connection waits without a thread.</summary>
    private async Task VerifyDeviceInTurnAsync(ValidatingConnectionEventArgs e, MQTTnet.Packets.MqttConnectPacket connect, string user)
    {
        var password = e.Password;
        var verified = await _secretChecks.CheckAsync(() => _registry.VerifySecret(user, password)).ConfigureAwait(false);
        await Decide(e, connect, user, verified).ConfigureAwait(false);
    }

    private Task Decide(ValidatingConnectionEventArgs e, MQTTnet.Packets.MqttConnectPacket connect, string user, bool verified)
    {
        if (!verified)
        {
            var why = _registry.Find(user) is null ? "unknown device" : _registry.IsRevoked(user) ? "the device is revoked" : "wrong secret";
            return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword, why, _counters.AuthFailed);
        }
        return Admit(e, connect, user, ClientIdentity.Device(user));
    }

    /// <summary>An authenticated client: its client id must be its username, its Will within its rights.</summary>
    private Task Admit(ValidatingConnectionEventArgs e, MQTTnet.Packets.MqttConnectPacket connect, string user, ClientIdentity identity)
    {
        if (!string.Equals(e.ClientId, user, StringComparison.Ordinal))
            return Fail(e, MqttConnectReasonCode.ClientIdentifierNotValid,
                $"client id '{e.ClientId}' is not the username '{user}'", _counters.ClientIdRefused);

        if (connect.WillFlag && _policy.CanUseWill(identity, connect.WillTopic) is { Allowed: false } will)
            return Fail(e, MqttConnectReasonCode.NotAuthorized, will.Reason, _counters.WillRefused);

        if (!identity.IsController) _throttle.RecordSuccess(e.RemoteEndPoint, e.ClientId);
        e.SessionItems[IdentityKey] = identity;
        return Task.CompletedTask;
    }

    /// <summary>A box without credentials: the token must match, the client id name its serial, and no Will.</summary>
    private Task ValidateEnrollment(ValidatingConnectionEventArgs e, MQTTnet.Packets.MqttConnectPacket connect)
    {
        void Count(Action specific)
        {
            specific();
            _counters.EnrollmentRefusedOnce();
        }
        if (!_enrollmentTokens.Matches(e.Password))
            return Fail(e, MqttConnectReasonCode.BadUserNameOrPassword,
                _enrollmentTokens.IsOpen ? "wrong enrollment token" : "enrollment is closed (no Enrollment:TokenHashes)", () => Count(_counters.AuthFailed));
        if (EnrollmentIds.SerialOfClientId(e.ClientId) is not { } serial)
            return Fail(e, MqttConnectReasonCode.ClientIdentifierNotValid,
                $"an enrollment client id is '{EnrollmentIds.ClientIdPrefix}' and the serial in lower case, not '{e.ClientId}'", () => Count(_counters.ClientIdRefused));
        var identity = ClientIdentity.Enrollment(serial);
        if (connect.WillFlag && _policy.CanUseWill(identity, connect.WillTopic) is { Allowed: false } will)
            return Fail(e, MqttConnectReasonCode.NotAuthorized, will.Reason, () => Count(_counters.WillRefused));
        _counters.EnrollmentAdmitted();
        _throttle.RecordSuccess(e.RemoteEndPoint, e.ClientId);
        e.SessionItems[IdentityKey] = identity;
        return Task.CompletedTask;
    }

    /// <summary>Refuses and counts the failure towards the client's and its address's lockouts.</summary>
    private Task Fail(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason, Action count)
    {
        Refuse(e, code, reason, count);
        foreach (var lockout in _throttle.RecordFailure(e.RemoteEndPoint, e.ClientId))
        {
            _counters.LockoutStarted();
            LogLockout(lockout.Scope, lockout.Key, (int)Math.Ceiling(lockout.Remaining.TotalSeconds));
        }
        return Task.CompletedTask;
    }

    private Task Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason, Action count)
    {
        e.ReasonCode = code;
        // Unauthenticated clients learn nothing beyond the code; authenticated ones get the reason (MQTT 5).
        e.ReasonString = code == MqttConnectReasonCode.BadUserNameOrPassword ? "bad username or password" : reason;
        count();
        LogConnectionRefused(e.ClientId ?? "", e.UserName ?? "", e.RemoteEndPoint?.ToString() ?? "?", code, reason);
        return Task.CompletedTask;
    }

    private Task OnClientConnected(ClientConnectedEventArgs e)
    {
        _counters.ConnectionAccepted();
        var endpoint = e.RemoteEndPoint?.ToString() ?? "?";
        if (IdentityOf(e.SessionItems) is { IsDevice: true } device)
        {
            _live[device.Id] = endpoint;
            // A revocation that landed while this connection was being validated found nothing to cut: cut it now.
            if (_registry.IsRevoked(device.Id)) _ = DisconnectRevokedAsync(device.Id);
        }
        LogClientConnected(e.ClientId, endpoint);
        return Task.CompletedTask;
    }

    private Task OnClientDisconnected(ClientDisconnectedEventArgs e)
    {
        _counters.Disconnected();
        var endpoint = e.RemoteEndPoint?.ToString() ?? "?";
        LogClientDisconnected(e.ClientId, endpoint, e.DisconnectType);
        // On a takeover the new connection already owns the id; it is the one that counts.
        if (e.DisconnectType != MqttClientDisconnectType.Takeover
            && IdentityOf(e.SessionItems) is { IsDevice: true } device
            && _live.TryRemove(new KeyValuePair<string, string>(device.Id, endpoint)))
        {
            _registry.MarkOffline(device.Id);
        }
        return Task.CompletedTask;
    }

    private Task OnQueueOverflow(QueueMessageOverwrittenEventArgs e)
    {
        _counters.QueueOverflowed();
        if (_overflowLog.ShouldLog(e.ReceiverClientId, out var heldBack))
            LogQueueOverflow(e.ReceiverClientId, (e.Packet as MQTTnet.Packets.MqttPublishPacket)?.Topic ?? "", heldBack);
        return Task.CompletedTask;
    }

    /// <summary>
    /// As each packet leaves for a client: an audio packet all of whose samples have already sounded is not sent. It
    /// could only be thrown away at the speaker, and a listener that fell behind reaches the current audio sooner.
    /// </summary>
    private Task OnInterceptingOutbound(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket { QualityOfServiceLevel: MqttQualityOfServiceLevel.AtMostOnce } publish && _streamDeadlines!.IsPast(publish.Payload))
        {
            e.ProcessPacket = false;
            _counters.StaleAudioSkipped();
        }
        return Task.CompletedTask;
    }

    private Task OnInterceptingPublish(InterceptingPublishEventArgs e)
    {
        var identity = IdentityOf(e.SessionItems);
        if (identity is { IsController: true }) return Task.CompletedTask;
        var message = e.ApplicationMessage;
        if (identity is { IsController: false } sender && message.Payload.Length > _options.MaxDevicePublishBytes)
        {
            e.ProcessPublish = false;
            e.CloseConnection = true;
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            _counters.OversizedPublish();
            _counters.PublishRefused();
            LogPublishDenied(e.ClientId, message.Topic ?? "", message.Retain,
                $"payload of {message.Payload.Length} bytes is over Broker:MaxDevicePublishBytes ({_options.MaxDevicePublishBytes}); disconnected {sender}");
            return Task.CompletedTask;
        }
        var decision = identity is { } who
            ? _policy.CanPublish(who, message.Topic, message.Retain)
            : AccessDecision.Deny("the sender has no identity");
        if (decision.Allowed)
        {
            // Taken by the controller in process, a device's message has no other reader here: the broker's dispatch,
            // which checks every session's subscriptions for each message, would only cost O(speakers) per message.
            if (_tap is not null) e.ProcessPublish = false;
            HandToController(message);
            return Task.CompletedTask;
        }
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        e.Response.ReasonString = decision.Reason;
        _counters.PublishRefused();
        LogPublishDenied(e.ClientId, message.Topic ?? "", message.Retain, decision.Reason);
        return Task.CompletedTask;
    }

    /// <summary>Everything a device may publish is for the controller: handed over in process, not through its link.</summary>
    private void HandToController(MqttApplicationMessage message)
    {
        if (_tap is not { } tap || tap.TryWrite(message.Topic, message.Payload)) return;
        // Stopping: the last Wills of the broker's own shutdown find no reader; that is not a reader falling behind.
        if (tap.IsCompleted) return;
        _counters.QueueOverflowed();
        if (_overflowLog.ShouldLog(ControllerCredentials.Username, out var heldBack)) LogTapOverflow(tap.Capacity, message.Topic, heldBack);
    }

    /// <summary><see cref="DeviceSessionDelivery"/>: into the session of <paramref name="clientId"/>, past the dispatch.</summary>
    private bool DeliverToSession(string clientId, MqttApplicationMessage message)
    {
        if (_server is not { } server) return false;
        MqttSessionStatus session;
        try
        {
            // A dictionary lookup that completes synchronously; it throws for an unknown id.
            session = server.GetSessionAsync(clientId).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        return session.TryEnqueueApplicationMessage(message, out _);
    }

    private Task OnInterceptingSubscription(InterceptingSubscriptionEventArgs e)
    {
        var identity = IdentityOf(e.SessionItems);
        if (identity is { IsController: true }) return Task.CompletedTask;
        var filter = e.TopicFilter.Topic;
        var decision = identity is { } who
            ? _policy.CanSubscribe(who, filter)
            : AccessDecision.Deny("the subscriber has no identity");
        if (decision.Allowed) return Task.CompletedTask;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.ReasonString = decision.Reason;
        _counters.SubscribeRefused();
        LogSubscribeDenied(e.ClientId, filter ?? "", decision.Reason);
        return Task.CompletedTask;
    }

    private void OnCredentialsReissued(string deviceId) => _throttle.Forgive(deviceId);

    private void OnCredentialsRevoked(string deviceId) => _ = DisconnectRevokedAsync(deviceId);

    private async Task DisconnectRevokedAsync(string deviceId)
    {
        var server = _server;
        if (server is null) return;
        try
        {
            await server.DisconnectClientAsync(deviceId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                ReasonString = "the device's credentials were revoked",
            }).ConfigureAwait(false);
            LogRevokedDisconnected(deviceId);
        }
        catch (InvalidOperationException)
        {
            // Not connected (or the broker is stopping): nothing to cut.
        }
        catch (Exception ex)
        {
            LogRevokedDisconnectFailed(ex, deviceId);
        }
    }

    private static ClientIdentity? IdentityOf(IDictionary? items) =>
        items?[IdentityKey] is ClientIdentity identity ? identity : null;
}
