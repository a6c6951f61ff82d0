using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace InfoRadio.LoadSim.Mqtt;

/// <summary>
/// A minimal MQTT 5 client for the load simulator: one socket, one receive loop that reads whatever has arrived in one
/// call and hands each PUBLISH to <see cref="MessageHandler"/> on that loop, QoS 0 and 1, and the acknowledgements the
/// speakers' exchanges need. Thousands of these run in one process next to the controller they measure: with MQTTnet's
/// full client (its queues and tasks per connection, three reads per packet) the simulator took 80–93 % of a core at
/// 5,000 speakers (tools/Bench fanout), with this one about half that, CPU the controller on the same box needs. What
/// goes over the wire is the protocol a real speaker speaks (docs/protocol.md): the same packets, topics, credentials,
/// Last Will and QoS.
/// </summary>
public sealed class LiteMqttClient : IAsyncDisposable
{
    /// <summary>A received message; <paramref name="payload"/> is valid only during the call.</summary>
    public delegate void MessageHandler(string topic, ReadOnlyMemory<byte> payload);

    private const int InitialBuffer = 4096;
    private const int MaxPacket = 1 << 20;

    private readonly MessageHandler _onMessage;
    private readonly Action _onDisconnected;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<int>> _pending = new();
    private Socket? _socket;
    private TaskCompletionSource<int>? _connAck;
    private Task _reading = Task.CompletedTask;
    private int _nextPacketId;
    private long _lastSentTick;
    private volatile bool _connected;
    private byte[] _lastTopicBytes = [];
    private string _lastTopic = "";

    public LiteMqttClient(MessageHandler onMessage, Action onDisconnected)
    {
        _onMessage = onMessage;
        _onDisconnected = onDisconnected;
    }

    public bool IsConnected => _connected;

    /// <summary>Opens the connection and sends CONNECT; returns CONNACK's reason code (0: accepted).</summary>
    /// <exception cref="SocketException">The broker cannot be reached.</exception>
    /// <exception cref="TimeoutException">No CONNACK within <paramref name="timeout"/>.</exception>
    public async Task<int> ConnectAsync(string host, int port, MqttWire.ConnectFields fields, TimeSpan timeout, CancellationToken ct)
    {
        await CloseAsync().ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, limit.Token).ConfigureAwait(false);
            _socket = socket;
            _connAck = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _reading = Task.Run(() => ReadLoopAsync(socket), CancellationToken.None);
            await SendAsync(MqttWire.EncodeConnect(fields), limit.Token).ConfigureAwait(false);
            var code = await _connAck.Task.WaitAsync(limit.Token).ConfigureAwait(false);
            if (code != 0) await CloseAsync().ConfigureAwait(false);
            return code;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new TimeoutException($"no CONNACK from {host}:{port} within {timeout.TotalSeconds:0} s");
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Subscribes to one filter; returns SUBACK's reason code (below 0x80: granted).</summary>
    public Task<int> SubscribeAsync(string filter, int qos, CancellationToken ct) =>
        RequestAsync(id => MqttWire.EncodeSubscribe(id, filter, qos), ct);

    public Task<int> UnsubscribeAsync(string filter, CancellationToken ct) =>
        RequestAsync(id => MqttWire.EncodeUnsubscribe(id, filter), ct);

    /// <summary>Publishes; at QoS 1 it completes with the broker's PUBACK.</summary>
    public Task PublishAsync(string topic, byte[] payload, int qos, bool retain, CancellationToken ct) =>
        qos == 0 ? SendAsync(MqttWire.EncodePublish(topic, payload, 0, retain, 0), ct)
            : RequestAsync(id => MqttWire.EncodePublish(topic, payload, qos, retain, id), ct);

    /// <summary>Sends PINGREQ when nothing was sent for <paramref name="idle"/>, as keep-alive asks.</summary>
    public Task PingIfIdleAsync(TimeSpan idle) =>
        _connected && Environment.TickCount64 - Interlocked.Read(ref _lastSentTick) >= idle.TotalMilliseconds
            ? SendAsync(MqttWire.PingRequest, CancellationToken.None)
            : Task.CompletedTask;

    /// <summary>Sends DISCONNECT (the Will is not published) and closes the connection.</summary>
    public async Task DisconnectAsync()
    {
        if (_connected)
        {
            try { await SendAsync(MqttWire.DisconnectNormally, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException) { }
        }
        await CloseAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _writeGate.Dispose();
    }

    private async Task<int> RequestAsync(Func<ushort, byte[]> encode, CancellationToken ct)
    {
        var id = NextPacketId();
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            await SendAsync(encode(id), ct).ConfigureAwait(false);
            return await answer.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private ushort NextPacketId()
    {
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref _nextPacketId);
            if (id != 0 && !_pending.ContainsKey(id)) return id;
        }
    }

    private async Task SendAsync(byte[] packet, CancellationToken ct)
    {
        var socket = _socket ?? throw new InvalidOperationException("not connected");
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var sent = 0;
            while (sent < packet.Length) sent += await socket.SendAsync(packet.AsMemory(sent), SocketFlags.None, ct).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastSentTick, Environment.TickCount64);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync(Socket socket)
    {
        var buffer = new byte[InitialBuffer];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxPacket) throw new InvalidDataException($"a packet larger than {MaxPacket} bytes");
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (read == 0) return;
                filled += read;
                var offset = 0;
                while (MqttWire.TryFrame(buffer.AsSpan(offset, filled - offset), out var header, out var bodyStart, out var bodyLength))
                {
                    if (!Handle(header, buffer.AsMemory(offset + bodyStart, bodyLength))) return;
                    offset += bodyStart + bodyLength;
                }
                if (offset > 0)
                {
                    Buffer.BlockCopy(buffer, offset, buffer, 0, filled - offset);
                    filled -= offset;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidDataException or ArgumentOutOfRangeException)
        {
            // The connection went, or the broker sent something this client cannot read: either way it is over.
        }
        finally
        {
            var wasConnected = _connected;
            _connected = false;
            _connAck?.TrySetException(new SocketException((int)SocketError.ConnectionReset));
            foreach (var pending in _pending.Values) pending.TrySetException(new SocketException((int)SocketError.ConnectionReset));
            try { socket.Dispose(); } catch (ObjectDisposedException) { }
            if (wasConnected) _onDisconnected();
        }
    }

    /// <summary>Acts on one packet (the receive loop); false when the broker ends the connection.</summary>
    private bool Handle(byte header, ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        switch (header & 0xF0)
        {
            case MqttWire.Publish:
                var qos = (header >> 1) & 3;
                var topicLength = MqttWire.ReadUInt16(span);
                var topic = TopicOf(span.Slice(2, topicLength));
                var position = 2 + topicLength;
                ushort id = 0;
                if (qos > 0)
                {
                    id = MqttWire.ReadUInt16(span[position..]);
                    position += 2;
                }
                var rest = MqttWire.SkipProperties(span[position..]);
                var payload = body[(body.Length - rest.Length)..];
                try { _onMessage(topic, payload); }
                catch (Exception) { /* a handler's fault is the handler's; the connection goes on */ }
                if (qos == 1) _ = AcknowledgeAsync(id);
                return true;
            case MqttWire.ConnAck:
                var code = span.Length >= 2 ? span[1] : 0x80;
                // Connected from here on, on this loop: a loss right after CONNACK is then reported like any other.
                if (code == 0) _connected = true;
                _connAck?.TrySetResult(code);
                return true;
            case MqttWire.PubAck:
                Complete(MqttWire.ReadUInt16(span), span.Length >= 3 ? span[2] : 0);
                return true;
            case MqttWire.SubAck:
            case MqttWire.UnsubAck:
                var packetId = MqttWire.ReadUInt16(span);
                var codes = MqttWire.SkipProperties(span[2..]);
                Complete(packetId, codes.Length > 0 ? codes[0] : 0);
                return true;
            case MqttWire.Disconnect:
                return false;
            default:
                return true; // PINGRESP, and nothing else is expected
        }
    }

    private void Complete(ushort id, int code)
    {
        if (_pending.TryGetValue(id, out var answer)) answer.TrySetResult(code);
    }

    private async Task AcknowledgeAsync(ushort id)
    {
        try { await SendAsync(MqttWire.EncodePubAck(id), CancellationToken.None).ConfigureAwait(false); }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException) { }
    }

    /// <summary>The topic as a string; a speaker hears one topic most of the time (its stream), decoded once.</summary>
    private string TopicOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.SequenceEqual(_lastTopicBytes)) return _lastTopic;
        _lastTopicBytes = bytes.ToArray();
        _lastTopic = Encoding.UTF8.GetString(bytes);
        return _lastTopic;
    }

    private async Task CloseAsync()
    {
        var socket = _socket;
        _socket = null;
        _connected = false;
        if (socket is null) return;
        try { socket.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        socket.Dispose();
        try { await _reading.ConfigureAwait(false); } catch (Exception) { }
    }
}
