using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Keeps the active sessions of every desired-state topic and publishes each topic, retained, whenever its
/// list changes. Revisions come from the clock so that they keep growing across controller restarts; a device
/// ignores a revision older than the one it holds, so publishes racing each other converge.
/// </summary>
public sealed class DesiredStatePublisher(ControllerBus bus, TimeProvider time)
{
    private readonly Dictionary<string, List<SessionInfo>> _sessionsByTopic = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _lastRev;

    public Task AddAsync(SessionInfo session, IEnumerable<string> topics, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_sessionsByTopic.TryGetValue(topic, out var sessions))
                    _sessionsByTopic[topic] = sessions = [];
                sessions.RemoveAll(s => s.Session == session.Session);
                sessions.Add(session);
                changes.Add((topic, Snapshot(sessions)));
            }
        }
        return PublishAsync(changes, ct);
    }

    public Task RemoveAsync(string sessionId, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            foreach (var (topic, sessions) in _sessionsByTopic)
                if (sessions.RemoveAll(s => s.Session == sessionId) > 0)
                    changes.Add((topic, Snapshot(sessions)));
        }
        return PublishAsync(changes, ct);
    }

    /// <summary>Publishes an empty list on topics this controller holds nothing for (stale retained state).</summary>
    public Task ClearAsync(IEnumerable<string> topics, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            foreach (var topic in topics)
                if (!_sessionsByTopic.TryGetValue(topic, out var sessions) || sessions.Count == 0)
                    changes.Add((topic, Snapshot([])));
        }
        return PublishAsync(changes, ct);
    }

    public IReadOnlyList<SessionInfo> SessionsOn(string topic)
    {
        lock (_gate) return _sessionsByTopic.TryGetValue(topic, out var sessions) ? sessions.ToArray() : [];
    }

    private DesiredState Snapshot(List<SessionInfo> sessions)
    {
        var nowUs = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _lastRev = Math.Max(_lastRev + 1, nowUs);
        return new DesiredState { Rev = _lastRev, IssuedUs = nowUs, Sessions = sessions.ToArray() };
    }

    private async Task PublishAsync(List<(string Topic, DesiredState State)> changes, CancellationToken ct)
    {
        foreach (var (topic, state) in changes)
            await bus.PublishAsync(topic, MessageCodec.Encode(state), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ct);
    }
}
