using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.DeviceAgent;

public sealed partial class SpeakerAgent
{
    /// <summary>
    /// Every inbound message, on the MQTT receive path. Each is parsed strictly; anything unexpected is counted
    /// per topic kind, logged (rationed) and dropped. Audio and clock responses are handled here at once (their
    /// timing matters); desired state and commands go to the agent loop.
    /// </summary>
    private void OnMessage(Link.InboundMessage message)
    {
        if (!TopicTree.TryParse(message.Topic, out var topic) || !IsForThisDevice(topic))
        {
            Reject(Link.MalformedMessageCounter.UnexpectedTopic, message.Topic, "topic is not one this device subscribes to");
            return;
        }
        switch (topic.Kind)
        {
            case TopicKind.StreamAudio:
                OnAudio(topic, message);
                break;
            case TopicKind.ClockResponse:
                var response = MessageCodec.Parse<ClockSyncResponse>(message.Payload);
                if (!response.IsOk) Reject(topic.Kind.ToString(), message.Topic, response.Error);
                else SaveClockIfDue(_clockSync.OnResponse(response.Value));
                break;
            case TopicKind.DeviceDesired or TopicKind.ZoneDesired:
                OnDesired(topic, message);
                break;
            case TopicKind.DevicePlan:
                OnPlan(topic, message);
                break;
            case TopicKind.DeviceCommands:
                var command = MessageCodec.Parse<DeviceCommand>(message.Payload);
                if (!command.IsOk) Reject(topic.Kind.ToString(), message.Topic, command.Error);
                else Post(() => HandleCommand(command.Value));
                break;
            default:
                Reject(Link.MalformedMessageCounter.UnexpectedTopic, message.Topic, "topic is written by devices, not read by them");
                break;
        }
    }

    private bool IsForThisDevice(TopicName topic) => topic.Kind switch
    {
        TopicKind.ZoneDesired => _desiredSources.Contains(topic.ToString()),
        TopicKind.StreamAudio => true,
        _ => topic.Id == _options.DeviceId,
    };

    private void OnAudio(TopicName topic, Link.InboundMessage message)
    {
        // The controller deletes a stream's retained head with an empty retained message: nothing to play.
        if (message.Payload.Length == 0) return;
        var parsed = AudioPacketCodec.Parse(message.Payload);
        if (!parsed.IsOk)
        {
            Reject(topic.Kind.ToString(), message.Topic, parsed.Error);
            return;
        }
        var packet = parsed.Value;
        if (packet.Stream == Offline.OfflinePlayer.Stream)
        {
            Reject(topic.Kind.ToString(), message.Topic, "stream number reserved for local play");
            return;
        }
        if (topic.Id != packet.Stream.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Reject(topic.Kind.ToString(), message.Topic, $"packet of stream {packet.Stream} on another stream's topic");
            return;
        }
        if (_engine.OnPacket(packet) == PacketOutcome.WrongFrameSize)
            Reject(topic.Kind.ToString(), message.Topic, $"{packet.FrameSamples} samples per frame differs from the session's");
    }

    private void OnDesired(TopicName topic, Link.InboundMessage message)
    {
        var source = message.Topic;
        if (message.Payload.Length == 0)
        {
            // An empty retained message is how a retained state is deleted: nothing comes from this source.
            Post(() =>
            {
                var before = _follower.Chosen;
                _follower.Clear(source);
                ApplyChoice(before);
            });
            return;
        }
        var parsed = MessageCodec.Parse<DesiredState>(message.Payload);
        if (!parsed.IsOk)
        {
            Reject(topic.Kind.ToString(), source, parsed.Error);
            return;
        }
        var state = parsed.Value;
        Post(() =>
        {
            var before = _follower.Chosen;
            if (!_follower.Apply(source, state))
            {
                LogStaleDesired(_logger, source, state.Rev);
                return;
            }
            if (_follower.HighestRev is { } rev) Interlocked.Exchange(ref _desiredRev, rev);
            ApplyChoice(before);
            if (state.Config is { } config)
            {
                // Settings are per device: a zone's topic carrying some is a controller bug, not an order.
                if (topic.Kind == TopicKind.DeviceDesired) ApplyConfig(config);
                else Reject(topic.Kind.ToString(), source, "config is only accepted on the device's own desired topic");
            }
        });
    }

    /// <summary>Hands the follower's choice to the playout and the audio subscription; runs on the agent loop.</summary>
    private void ApplyChoice(SessionInfo? before)
    {
        Volatile.Write(ref _next, _follower.Next);
        var choice = ChooseWithPlan();
        var chosen = choice.Session;
        // A plan item's audio comes from the cache (the player gave it to the engine), not from the broker.
        if (choice.Item is null) _engine.SetSession(chosen);
        _link.SetAudioStream(choice.Item is null ? chosen?.Stream : null);
        DriveAmplifier(chosen);
        if (before?.Session != chosen?.Session) LogChoice(_logger, chosen?.Session ?? "(none)", before?.Session ?? "(none)");
    }

    private void Reject(string kind, string topic, string reason)
    {
        if (_malformed.Count(kind)) LogMalformed(_logger, kind, topic, reason, _malformed.Total);
    }
}
