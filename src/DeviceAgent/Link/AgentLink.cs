using System.Threading.Channels;
using InfoRadio.DeviceAgent.Link.Journal;
using InfoRadio.Protocol.Link;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Link;

/// <summary>
/// The agent's MQTT connection: its own reconnect loop (MQTTnet 5 has no managed client), Last Will, retained
/// online state on every connect, one filter per SUBSCRIBE, the current audio stream's subscription, and a
/// reliable outbox for state that survives outages, and a durable journal for events that also survives restarts
/// (<see cref="EventJournal"/>).
/// </summary>
internal sealed partial class AgentLink : IAsyncDisposable
{
    private const int OutboxCapacity = 1_000;

    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly MqttClientFactory _factory = new();
    private readonly ConnectionSignal _up = new();
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly Channel<bool> _audioChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<OutgoingMessage> _outbox;
    private readonly EventJournal _journal;
    /// <summary>Events on their way into the journal: the caller (the playout's tick thread) must not wait for an fsync.</summary>
    private readonly Channel<(string Topic, byte[] Payload)> _journalInbox =
        Channel.CreateUnbounded<(string, byte[])>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock _inboxGate = new();
    private readonly Task _journalWriter;
    /// <summary>Wakes the outbox pump: something was queued (in the channel or the journal).</summary>
    private readonly Channel<bool> _outboxWake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly IReadOnlyList<(string Topic, MqttQualityOfServiceLevel QoS)> _filters;
    private volatile IMqttClient? _client;
    private TaskCompletionSource _down = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Wanted stream id, or -1 for none (a long so it can be read and written atomically).</summary>
    private long _desiredStream = -1;
    private uint? _subscribedStream;
    private long _connects;
    private long _refusals;
    private long _outboxDropped;
    private long _eventsProduced;
    private volatile bool _shuttingDown;
    private volatile string _secret;

    /// <summary>Whom the TLS connection trusts; null without TLS.</summary>
    private readonly ServerCertificateTrust? _trust;

    public AgentLink(AgentOptions options, TimeProvider time, ILogger logger, Random? random = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(options.ReconnectMinDelayMs),
            TimeSpan.FromMilliseconds(options.ReconnectMaxDelayMs), random ?? Random.Shared);
        _outbox = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(OutboxCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _outboxDropped));
        _journal = EventJournal.Open(options.StateDirectory, options.EventQueue, logger);
        _journalWriter = Task.Run(WriteJournalAsync);
        _filters = BuildFilters(options);
        _secret = options.Secret;
        if (options.Tls.Enabled)
        {
            _trust = ServerCertificateTrust.Create(options.Tls.Thumbprint, options.Tls.CaFile, options.Tls.AllowUntrustedForDevelopment);
            LogTls(_logger, options.ControllerHost, options.ControllerPort, _trust.Description);
        }
    }

    /// <summary>The password of the next connection.</summary>
    public string Secret => _secret;

    /// <summary>Uses <paramref name="secret"/> from now on: drops the connection so the next one presents it.</summary>
    public void ReconnectWithSecret(string secret)
    {
        _secret = secret;
        var client = _client;
        if (client is null || !client.IsConnected) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build()).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException or InvalidOperationException)
            {
                // Already gone: the reconnect loop picks the new secret up anyway.
            }
        });
    }

    /// <summary>Called on the MQTT receive path for every message; must be quick and must not await the link.</summary>
    public Action<InboundMessage>? MessageReceived { get; set; }

    /// <summary>
    /// Called after each successful CONNACK, before any SUBSCRIBE: the broker is about to re-deliver retained
    /// state, so this is where the owner prepares for it. Runs on the connect path: keep it quick.
    /// </summary>
    public Action? Subscribing { get; set; }

    /// <summary>Called after each successful connect, once online state and subscriptions are in place. Keep it quick.</summary>
    public Func<CancellationToken, Task>? Connected { get; set; }

    /// <summary>Called when an established connection is lost.</summary>
    public Action? Disconnected { get; set; }

    /// <summary>Builds the retained state published on every connect.</summary>
    public Func<ReportedState> OnlineState { get; set; } = () => new ReportedState { Online = true };

    public bool IsConnected => _up.IsUp && _client?.IsConnected == true;
    public long Connects => Interlocked.Read(ref _connects);
    public long Refusals => Interlocked.Read(ref _refusals);
    public long OutboxDropped => Interlocked.Read(ref _outboxDropped);

    /// <summary>Local address the broker connection leaves from, for telemetry (null when unknown).</summary>
    public string? LocalAddress { get; private set; }

    /// <summary>The device's static filters: its own desired state, commands, clock responses and its zones (always <c>all</c>).</summary>
    public static IReadOnlyList<(string Topic, MqttQualityOfServiceLevel QoS)> BuildFilters(AgentOptions options)
    {
        var id = options.DeviceId;
        var filters = new List<(string, MqttQualityOfServiceLevel)>
        {
            (TopicTree.DeviceDesired(id), MqttQualityOfServiceLevel.AtLeastOnce),
            (TopicTree.DeviceCommands(id), MqttQualityOfServiceLevel.AtLeastOnce),
            (TopicTree.ClockResponse(id), MqttQualityOfServiceLevel.AtMostOnce),
            (TopicTree.DevicePlan(id), MqttQualityOfServiceLevel.AtLeastOnce),
        };
        foreach (var zone in options.Zones.Prepend(TopicTree.AllZone).Distinct(StringComparer.Ordinal))
            filters.Add((TopicTree.ZoneDesired(zone), MqttQualityOfServiceLevel.AtLeastOnce));
        return filters;
    }

    /// <summary>Sets the stream whose audio is wanted (null: none); the subscription follows, now or on connect.</summary>
    public void SetAudioStream(uint? stream)
    {
        Interlocked.Exchange(ref _desiredStream, stream is { } s ? s : -1);
        _audioChanged.Writer.TryWrite(true);
    }

    private uint? DesiredStream => Interlocked.Read(ref _desiredStream) is var s and >= 0 ? (uint)s : null;

    /// <summary>Queues a message that must arrive (state); it waits through outages in memory, oldest dropped when full.</summary>
    public void Enqueue(OutgoingMessage message)
    {
        _outbox.Writer.TryWrite(message);
        _outboxWake.Writer.TryWrite(true);
    }

    /// <summary>Publishes at once when connected; false when there is no connection or the broker refused.</summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is null || !client.IsConnected) return false;
        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build();
            var result = await Uncut.SendAsync(c => client.PublishAsync(message, c), cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess) return true;
            LogPublishRefused(_logger, topic, result.ReasonCode.ToString(), result.ReasonString);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(_logger, topic, ex.Message);
            return false;
        }
    }

    /// <summary>Connects and reconnects until cancelled. The connection is left open for <see cref="ShutdownAsync"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var outbox = PumpOutboxAsync(cancellationToken);
        var audio = FollowAudioAsync(cancellationToken);
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await ConnectOnceAsync(cancellationToken).ConfigureAwait(false))
                {
                    // A connect that succeeded resets the backoff: the next outage starts with a short wait.
                    attempt = 0;
                    await _down.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(_logger, _options.ControllerHost, _options.ControllerPort, ex.Message);
            }
            MarkDown();
            var delay = _backoff.Delay(attempt++);
            LogReconnectIn(_logger, (long)delay.TotalMilliseconds, attempt);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(outbox, audio).ConfigureAwait(false);
    }

    /// <summary>
    /// Leaves cleanly: sends what the outbox still holds, publishes <paramref name="offline"/> retained and
    /// disconnects normally (so the broker does not fire the Last Will as well); when the offline state did not go
    /// through, it drops the connection so that the Will says it. Bounded by <paramref name="timeout"/>.
    /// </summary>
    public async Task ShutdownAsync(ReportedState offline, TimeSpan timeout)
    {
        _shuttingDown = true;
        WriteInbox();
        var client = _client;
        if (client is null || !client.IsConnected) return;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (_journal.Oldest is { } pending
                   && await PublishAsync(pending.Topic, pending.Payload, MqttQualityOfServiceLevel.AtLeastOnce, false, cts.Token).ConfigureAwait(false))
                _journal.Acknowledge(pending.Seq);
            while (_outbox.Reader.TryRead(out var message))
                await PublishAsync(message.Topic, message.Payload, message.QoS, message.Retain, cts.Token).ConfigureAwait(false);
            var said = await PublishAsync(TopicTree.DeviceState(_options.DeviceId), MessageCodec.Encode(offline),
                MqttQualityOfServiceLevel.AtLeastOnce, true, cts.Token).ConfigureAwait(false);
            if (said)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cts.Token).ConfigureAwait(false);
            }
            else
            {
                // A DISCONNECT would cancel the Last Will, and the retained state would stay "online" for ever; the
                // connection is dropped instead, so that the broker publishes the Will. (MQTTnet's broker does not
                // honour the "disconnect with Will" reason code.)
                LogShutdownIncomplete(_logger, "the broker did not take the offline state; the Last Will says it");
                _client = null;
                client.Dispose();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            LogShutdownIncomplete(_logger, ex.Message);
        }
        MarkDown();
    }

    public async ValueTask DisposeAsync()
    {
        var client = _client;
        _client = null;
        client?.Dispose();
        _subscriptionGate.Dispose();
        _journalInbox.Writer.TryComplete();
        await _journalWriter.ConfigureAwait(false);
        WriteInbox();
        _journal.Dispose();
    }
}
