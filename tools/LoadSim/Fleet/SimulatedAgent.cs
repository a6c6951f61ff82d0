using System.Buffers;
using InfoRadio.Codec;
using InfoRadio.LoadSim.Mqtt;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Clock;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.LoadSim.Fleet;

/// <summary>
/// A lightweight speaker agent speaking the real protocol (protocol.md): credentials and Last Will, one filter per
/// SUBSCRIBE, retained online state, clock sync, desired state from its device and the <c>all</c> zone ranked as an
/// agent ranks it, the chosen session's audio stream, play events at the instants the samples would sound. Instead of
/// playing, it measures each packet's arrival against its playout deadline; optionally it decodes every frame.
/// </summary>
public sealed class SimulatedAgent(AgentCredentials credentials, FleetOptions options, FleetCounters fleet)
{
    private const int BurstClockRequests = 5;
    private static readonly TimeSpan BurstSpacing = TimeSpan.FromMilliseconds(250);

    private const int AtMostOnce = 0, AtLeastOnce = 1;

    private LiteMqttClient? _client;
    private readonly ClockOffsetEstimator _clock = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DesiredState> _desiredBySource = new(StringComparer.Ordinal);
    private SessionInfo? _chosen;
    private ulong _nextPosition;
    private bool _startedSession;
    private long _clockSeq;
    private int _clockBurstLeft;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextClockSyncTick;
    private Concentus.IOpusDecoder? _decoder;
    private Task _subscriptions = Task.CompletedTask;
    private CancellationToken _stopping;

    public string DeviceId => credentials.DeviceId;
    public AgentDelivery Delivery { get; } = new();
    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>Connects (retrying until <paramref name="ct"/> ends) and keeps reconnecting after a loss.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _stopping = ct;
        await using var client = _client = new LiteMqttClient(OnMessage, () => _disconnected.TrySetResult());
        var random = new Random(credentials.DeviceId.GetHashCode(StringComparison.Ordinal));
        while (!ct.IsCancellationRequested)
        {
            if (!client.IsConnected && !await TryConnectAsync(client, ct))
            {
                await DelayAsync(TimeSpan.FromMilliseconds(500 + random.Next((int)options.ReconnectJitter.TotalMilliseconds + 1)), ct);
                continue;
            }
            // Asleep until the next clock request or the connection's loss: thousands of agents polling their
            // connection four times a second cost the simulator a tenth of its CPU in timers alone.
            var untilSync = Math.Clamp(_nextClockSyncTick - Environment.TickCount64, 0, (long)options.ClockSyncInterval.TotalMilliseconds * 2);
            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(untilSync), ct), _disconnected.Task);
            if (client.IsConnected && Environment.TickCount64 >= _nextClockSyncTick) await SyncClockAsync(random);
            await PingIfIdleAsync(client);
            if (!client.IsConnected && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref fleet.Disconnects);
                Interlocked.Increment(ref Delivery.Reconnects);
                await DelayAsync(TimeSpan.FromMilliseconds(random.Next((int)options.ReconnectJitter.TotalMilliseconds + 1)), ct);
            }
        }
        await client.DisconnectAsync();
    }

    /// <summary>Keep-alive: a PINGREQ when nothing else went out for half the period (clock requests usually do).</summary>
    private async Task PingIfIdleAsync(LiteMqttClient client)
    {
        try { await client.PingIfIdleAsync(options.KeepAlive / 2); }
        catch (Exception) { /* the connection went: the loop reconnects */ }
    }

    private async Task<bool> TryConnectAsync(LiteMqttClient client, CancellationToken ct)
    {
        var id = credentials.DeviceId;
        // Clean start, credentials, keep-alive and a retained QoS 1 Will saying offline, as a real agent connects.
        var connect = new MqttWire.ConnectFields(id, id, credentials.Secret, (ushort)options.KeepAlive.TotalSeconds,
            TopicTree.DeviceState(id), MessageCodec.Encode(new ReportedState { Online = false }));
        try
        {
            _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (await client.ConnectAsync(options.BrokerHost, options.BrokerPort, connect, TimeSpan.FromSeconds(20), ct) != 0)
            {
                Interlocked.Increment(ref fleet.ConnectFailures);
                return false;
            }
            lock (_gate)
            {
                _desiredBySource.Clear();
                _chosen = null;
            }
            // One filter per SUBSCRIBE (DESIGN §6).
            foreach (var topic in new[] { TopicTree.DeviceDesired(id), TopicTree.DeviceCommands(id), TopicTree.ClockResponse(id), TopicTree.ZoneDesired(TopicTree.AllZone) })
                if (await client.SubscribeAsync(topic, topic == TopicTree.ClockResponse(id) ? AtMostOnce : AtLeastOnce, ct) >= 0x80)
                    throw new InvalidOperationException($"the broker refused the subscription to {topic}");
            await PublishAsync(TopicTree.DeviceState(id), MessageCodec.Encode(new ReportedState { Online = true, AtUs = NowUs(), Firmware = "loadsim" }),
                AtLeastOnce, retain: true);
            _clockBurstLeft = BurstClockRequests;
            await SyncClockAsync(random: null);
            Interlocked.Increment(ref fleet.Connects);
            return true;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref fleet.ConnectFailures);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// One clock request, paced as a real agent paces them (DeviceAgent's ClockSyncSettings): a burst after each
    /// connect, then one every <see cref="FleetOptions.ClockSyncInterval"/> while it plays. Samples taken in a connect
    /// storm have round trips of seconds; the estimator keeps the lowest round trip of its window, so later exchanges
    /// correct the offset, without which every delay measured here would carry up to half such a round trip.
    /// </summary>
    private async Task SyncClockAsync(Random? random)
    {
        var spacing = _clockBurstLeft > 0 ? BurstSpacing : options.ClockSyncInterval;
        if (_clockBurstLeft > 0) _clockBurstLeft--;
        // Spread the fleet's requests over the interval rather than sending them in step.
        var jitterMs = random is null || _clockBurstLeft > 0 ? 0 : random.Next((int)(spacing.TotalMilliseconds / 4) + 1);
        _nextClockSyncTick = Environment.TickCount64 + (long)spacing.TotalMilliseconds + jitterMs;
        try { await SendClockRequestAsync(); }
        catch (Exception) { /* the connection went (the loop reconnects), or the fleet is stopping */ }
    }

    private Task SendClockRequestAsync() =>
        PublishAsync(TopicTree.ClockRequest(credentials.DeviceId),
            MessageCodec.Encode(new ClockSyncRequest { Seq = Interlocked.Increment(ref _clockSeq), T0Us = NowUs() }), AtMostOnce, retain: false);

    private void OnMessage(string topic, ReadOnlyMemory<byte> memory)
    {
        var receivedUs = NowUs();
        if (!TopicTree.TryParse(topic, out var name)) return;
        if (memory.IsEmpty) return; // a deleted retained message (a cleared zone, a stream's deleted head)
        // The payload is only valid during this call; everything below finishes with it before returning.
        var bytes = memory.Span;
        switch (name.Kind)
        {
            case TopicKind.StreamAudio:
                OnAudio(memory, receivedUs);
                break;
            case TopicKind.ClockResponse:
                var clock = MessageCodec.Parse<ClockSyncResponse>(bytes);
                if (!clock.IsOk) { Interlocked.Increment(ref fleet.MalformedMessages); return; }
                var r = clock.Value!;
                lock (_gate) _clock.Add(new ClockSample(r.T0Us, r.T1Us, r.T2Us, receivedUs));
                Interlocked.Increment(ref fleet.ClockSamples);
                break;
            case TopicKind.DeviceDesired or TopicKind.ZoneDesired:
                var desired = MessageCodec.Parse<DesiredState>(bytes);
                if (!desired.IsOk) { Interlocked.Increment(ref fleet.MalformedMessages); return; }
                OnDesired(topic, desired.Value!);
                break;
            case TopicKind.DeviceCommands:
                if (MessageCodec.Parse<DeviceCommand>(bytes).IsOk) Interlocked.Increment(ref fleet.Commands);
                else Interlocked.Increment(ref fleet.MalformedMessages);
                break;
        }
    }

    private void OnDesired(string source, DesiredState desired)
    {
        SessionInfo? before, after;
        lock (_gate)
        {
            if (_desiredBySource.TryGetValue(source, out var known) && known.Rev > desired.Rev) return;
            _desiredBySource[source] = desired;
            before = _chosen;
            after = SessionRanking.Choose(_desiredBySource.Values.SelectMany(d => d.Sessions));
            if (after?.Session == before?.Session) return;
            _chosen = after;
            _nextPosition = 0;
            _startedSession = false;
        }
        if (after is not null) Interlocked.Increment(ref Delivery.Sessions);
        _decoder = after is not null && options.Decode ? OpusCodecs.CreateDecoder(options.NativeOpus) : null;
        // Not awaited here: messages arrive on the connection's receive loop, which also reads the SUBACK; waiting for it in the
        // handler would stall that loop until the wait timed out. Changes apply in order.
        _subscriptions = ChangeStreamAsync(_subscriptions, before, after);
    }

    private async Task ChangeStreamAsync(Task previous, SessionInfo? before, SessionInfo? after)
    {
        try
        {
            await previous;
            var client = _client!;
            if (before is not null && before.Stream != after?.Stream) await client.UnsubscribeAsync(TopicTree.StreamAudio(before.Stream), _stopping);
            if (after is not null && after.Stream != before?.Stream)
                await client.SubscribeAsync(TopicTree.StreamAudio(after.Stream), AtMostOnce, _stopping);
        }
        catch (Exception)
        {
            // The connection went (the next connect starts from a clean session and a fresh desired state), or the
            // broker refused: the stream's packets then never come, which the report shows as an agent without audio.
        }
    }

    private void OnAudio(ReadOnlyMemory<byte> bytes, long receivedUs)
    {
        var parsed = AudioPacketCodec.Parse(bytes);
        if (!parsed.IsOk) { Interlocked.Increment(ref fleet.MalformedMessages); return; }
        var packet = parsed.Value!;
        SessionInfo session;
        bool first;
        lock (_gate)
        {
            if (_chosen is null || _chosen.Stream != packet.Stream) { Interlocked.Increment(ref fleet.StrayPackets); return; }
            session = _chosen;
            if (packet.EndPosition <= _nextPosition && packet.Frames.Count > 0) return; // a repeat (the retained head seen again)
            if (packet.Position > _nextPosition)
            {
                Interlocked.Increment(ref fleet.LostPackets);
                Interlocked.Increment(ref Delivery.LostPackets);
            }
            _nextPosition = packet.EndPosition;
            Volatile.Write(ref Delivery.LastAudioTick, Environment.TickCount64);
            first = !_startedSession;
            _startedSession = true;
            // When this packet's first sample sounds, on the controller's clock, and when it arrived on that clock.
            var deadlineUs = session.SoundsAtUs(packet.Position);
            var leadMs = (deadlineUs - _clock.ToControllerUs(receivedUs)) / 1000.0;
            if (packet.Frames.Count > 0)
            {
                fleet.Lead.Add(leadMs);
                fleet.Delay.Add(session.LatencyMs - leadMs);
                Delivery.Record(leadMs);
            }
        }
        Interlocked.Increment(ref fleet.Packets);
        Interlocked.Add(ref fleet.Frames, packet.Frames.Count);
        if (_decoder is { } decoder) Decode(decoder, packet);
        if (first)
        {
            Interlocked.Increment(ref fleet.SessionsStarted);
            _ = SendPlayEventAtAsync(session, packet.Position, DeviceEventType.PlayStarted);
        }
        if (packet.IsEnd)
        {
            Interlocked.Increment(ref fleet.SessionsFinished);
            _ = SendPlayEventAtAsync(session, packet.EndPosition, DeviceEventType.PlayFinished);
        }
    }

    private void Decode(Concentus.IOpusDecoder decoder, AudioPacket packet)
    {
        var pcm = ArrayPool<float>.Shared.Rent(packet.FrameSamples);
        try
        {
            foreach (var frame in packet.Frames)
            {
                try
                {
                    if (frame.Length <= 1) decoder.Decode(ReadOnlySpan<byte>.Empty, pcm.AsSpan(0, packet.FrameSamples), packet.FrameSamples);
                    else decoder.Decode(frame.Span, pcm.AsSpan(0, packet.FrameSamples), packet.FrameSamples);
                    Interlocked.Increment(ref fleet.DecodedFrames);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref fleet.DecodeFailures);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pcm);
        }
    }

    /// <summary>Sends the event when sample <paramref name="position"/> of the session would sound here.</summary>
    private async Task SendPlayEventAtAsync(SessionInfo session, ulong position, DeviceEventType type)
    {
        if (!options.SendPlayEvents) return;
        long atDeviceUs;
        lock (_gate) atDeviceUs = _clock.ToDeviceUs(session.SoundsAtUs(position));
        var waitUs = atDeviceUs - NowUs();
        if (waitUs > 0) await DelayAsync(TimeSpan.FromMicroseconds(waitUs), _stopping);
        if (_stopping.IsCancellationRequested || !IsConnected) return;
        var deviceEvent = new DeviceEvent
        {
            Id = Guid.NewGuid().ToString("N"), Type = type, AtUs = NowUs(), Session = session.Session, Position = (long)position,
        };
        try
        {
            await PublishAsync(TopicTree.DeviceEvents(credentials.DeviceId), MessageCodec.Encode(deviceEvent), AtLeastOnce, retain: false);
            Interlocked.Increment(ref fleet.EventsSent);
        }
        catch (Exception) { /* lost with the connection, as a real speaker's would be without its queue */ }
    }

    private Task PublishAsync(string topic, byte[] payload, int qos, bool retain) => _client!.PublishAsync(topic, payload, qos, retain, _stopping);

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { }
    }

    private static long NowUs() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
}
