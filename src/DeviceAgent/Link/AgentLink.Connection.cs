using System.Buffers;
using System.Net;
using System.Net.Sockets;
using InfoRadio.Protocol.Link;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent.Link;

internal sealed partial class AgentLink
{
    /// <summary>Largest packet the broker may send us: an audio packet is at most ~64 KB, JSON 16 KB.</summary>
    private const uint MaxInboundPacketBytes = 256 * 1024;

    /// <returns>True when connected and set up; false when the broker refused the CONNECT.</returns>
    private async Task<bool> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        // A fresh client per attempt: MQTTnet clients left half-way by a failed connect are not worth trusting.
        var previous = _client;
        _client = null;
        previous?.Dispose();

        var client = _factory.CreateMqttClient();
        var down = _down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            if (!e.ClientWasConnected) return Task.CompletedTask;
            MarkDown();
            down.TrySetResult();
            if (_shuttingDown) LogClosed(_logger);
            else LogDisconnected(_logger, e.Reason.ToString(), e.ReasonString ?? e.Exception?.Message);
            InvokeSafely(Disconnected, "disconnected");
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client = client;

        var result = await client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            Interlocked.Increment(ref _refusals);
            LogRefused(_logger, _options.ControllerHost, _options.ControllerPort, _options.DeviceId, result.ResultCode.ToString(), result.ReasonString);
            return false;
        }
        Interlocked.Increment(ref _connects);
        LogConnected(_logger, _options.ControllerHost, _options.ControllerPort, _options.DeviceId);

        var online = MessageCodec.Encode(OnlineState());
        await PublishAsync(TopicTree.DeviceState(_options.DeviceId), online, MqttQualityOfServiceLevel.AtLeastOnce, true, cancellationToken)
            .ConfigureAwait(false);

        InvokeSafely(Subscribing, "subscribing");
        await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Clean start: the broker forgot every subscription, so all are made again, one filter each.
            _subscribedStream = null;
            foreach (var (topic, qos) in _filters) await SubscribeOneAsync(client, topic, qos, cancellationToken).ConfigureAwait(false);
            if (DesiredStream is { } stream
                && await SubscribeOneAsync(client, TopicTree.StreamAudio(stream), MqttQualityOfServiceLevel.AtMostOnce, cancellationToken).ConfigureAwait(false))
                _subscribedStream = stream;
        }
        finally
        {
            _subscriptionGate.Release();
        }

        LocalAddress = await ProbeLocalAddressAsync(_options.ControllerHost, _options.ControllerPort, cancellationToken).ConfigureAwait(false);
        if (Connected is { } connected)
        {
            try
            {
                await connected(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(_logger, "connected", ex);
            }
        }
        _up.SetUp();
        // The desired stream may have changed while the connect path ran.
        _audioChanged.Writer.TryWrite(true);
        return true;
    }

    private MqttClientOptions BuildClientOptions()
    {
        var id = _options.DeviceId;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.ControllerHost, _options.ControllerPort)
            .WithClientId(id)
            .WithCredentials(id, _secret)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithoutPacketFragmentation() // a packet in one write, not its header and payload in two
            .WithMaximumPacketSize(MaxInboundPacketBytes)
            .WithWillTopic(TopicTree.DeviceState(id))
            .WithWillPayload(MessageCodec.Encode(new ReportedState { Online = false }))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_trust is not null)
            builder.WithTlsOptions(_trust.ToMqttTlsOptions(_options.Tls.TargetHost is { Length: > 0 } host ? host : _options.ControllerHost));
        return builder.Build();
    }

    private async Task<bool> SubscribeOneAsync(IMqttClient client, string topic, MqttQualityOfServiceLevel qos, CancellationToken cancellationToken)
    {
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, qos).Build();
        var result = await Uncut.SendAsync(c => client.SubscribeAsync(options, c), cancellationToken)
            .ConfigureAwait(false);
        var code = result.Items.Count == 1 ? result.Items.First().ResultCode : MqttClientSubscribeResultCode.UnspecifiedError;
        if (code is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2)
        {
            LogSubscribed(_logger, topic);
            return true;
        }
        LogSubscribeRefused(_logger, topic, code.ToString(), result.ReasonString);
        return false;
    }

    /// <summary>Keeps the audio subscription equal to the wanted stream while connected.</summary>
    private async Task FollowAudioAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _audioChanged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var client = _client;
                if (client is null || !_up.IsUp) continue;
                await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var desired = DesiredStream;
                    if (desired == _subscribedStream) continue;
                    // Subscribe first: a switch then never leaves a moment with no audio subscription at all.
                    if (desired is { } stream
                        && !await SubscribeOneAsync(client, TopicTree.StreamAudio(stream), MqttQualityOfServiceLevel.AtMostOnce, cancellationToken).ConfigureAwait(false))
                        desired = null;
                    if (_subscribedStream is { } old)
                    {
                        var options = new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(TopicTree.StreamAudio(old)).Build();
                        await Uncut.SendAsync(c => client.UnsubscribeAsync(options, c), cancellationToken)
                            .ConfigureAwait(false);
                        LogUnsubscribed(_logger, TopicTree.StreamAudio(old));
                    }
                    _subscribedStream = desired;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The reconnect that follows a broken link subscribes again from scratch.
                    LogSubscriptionChangeFailed(_logger, ex.Message);
                }
                finally
                {
                    _subscriptionGate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Publishes the journal's events, then the outbox, in order; a message leaves its queue only once the broker has
    /// it (PUBACK), so one cut in flight is sent again after the reconnect, with the same bytes and so the same id.
    /// </summary>
    private async Task PumpOutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var pending = _journal.Oldest;
                OutgoingMessage? message = pending is not null
                    ? new OutgoingMessage(pending.Topic, pending.Payload, MqttQualityOfServiceLevel.AtLeastOnce, false)
                    : _outbox.Reader.TryPeek(out var queued) ? queued : null;
                if (message is null)
                {
                    await _outboxWake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await _up.WhenUp.WaitAsync(cancellationToken).ConfigureAwait(false);
                var client = _client;
                if (client is null) continue;
                var down = _down.Task;
                try
                {
                    var outgoing = new MqttApplicationMessageBuilder().WithTopic(message.Topic)
                        .WithPayload(message.Payload).WithQualityOfServiceLevel(message.QoS).WithRetainFlag(message.Retain).Build();
                    var result = await Uncut.SendAsync(c => client.PublishAsync(outgoing, c), cancellationToken).ConfigureAwait(false);
                    // A refusal would repeat forever; it is logged and the message is let go.
                    if (!result.IsSuccess) LogPublishRefused(_logger, message.Topic, result.ReasonCode.ToString(), result.ReasonString);
                    if (pending is not null) _journal.Acknowledge(pending.Seq);
                    else _outbox.Reader.TryRead(out _);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogPublishFailed(_logger, message.Topic, ex.Message);
                    await Task.WhenAny(down, Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        // MQTTnet may reuse its receive buffers once this handler returns: the agent keeps its own copy.
        var payload = message.Payload.IsEmpty ? [] : message.Payload.ToArray();
        try
        {
            MessageReceived?.Invoke(new InboundMessage(message.Topic, payload, message.Retain));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, "message", ex);
        }
        return Task.CompletedTask;
    }

    private void MarkDown() => _up.SetDown();

    private void InvokeSafely(Action? handler, string name)
    {
        try
        {
            handler?.Invoke();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, name, ex);
        }
    }

    /// <summary>The source address the OS picks towards the broker (a UDP "connect" sends nothing).</summary>
    private static async Task<string?> ProbeLocalAddressAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0) return null;
            using var socket = new Socket(addresses[0].AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(addresses[0], port));
            return (socket.LocalEndPoint as IPEndPoint)?.Address.ToString();
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
