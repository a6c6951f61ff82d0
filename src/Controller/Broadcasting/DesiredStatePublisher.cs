using InfoRadio.Controller.Devices;
using InfoRadio.Controller.DeviceSettings;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Topics;
using InfoRadio.Protocol.Messages;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Keeps the active sessions of every desired-state topic and publishes each topic, retained, whenever its
/// list changes. Revisions come from the clock so that they keep growing across controller restarts; a device
/// ignores a revision older than the one it holds, so publishes racing each other converge.
/// Every (re)connection to the broker republishes every topic the controller is responsible for: a restarted
/// embedded broker has lost its retained messages, and an external one may hold stale ones from a previous run.
/// </summary>
public sealed partial class DesiredStatePublisher
{
    private readonly Dictionary<string, List<SessionInfo>> _sessionsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NextItem> _nextByTopic = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ControllerBus _bus;
    private readonly DeviceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<DesiredStatePublisher> _logger;
    private readonly IDeviceConfigSource? _configs;
    private long _lastRev;

    /// <param name="configs">Each device's settings, carried on its own topic beside its sessions (none: no settings pushed).</param>
    public DesiredStatePublisher(ControllerBus bus, DeviceRegistry registry, TimeProvider time, ILogger<DesiredStatePublisher> logger,
        IDeviceConfigSource? configs = null)
    {
        _configs = configs;
        _bus = bus;
        _registry = registry;
        _time = time;
        _logger = logger;
        bus.Connected += () => _ = RepublishAllAsync();
    }

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
                changes.Add((topic, Snapshot(topic, sessions)));
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
                    changes.Add((topic, Snapshot(topic, sessions)));
        }
        return PublishAsync(changes, ct);
    }

    /// <summary>Removes the session from <paramref name="topics"/> only; other topics keep it.</summary>
    public Task RemoveFromAsync(string sessionId, IEnumerable<string> topics, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            foreach (var topic in topics)
                if (_sessionsByTopic.TryGetValue(topic, out var sessions) && sessions.RemoveAll(s => s.Session == sessionId) > 0)
                    changes.Add((topic, Snapshot(topic, sessions)));
        }
        return PublishAsync(changes, ct);
    }

    /// <summary>Sets what the topic announces as next (null: nothing) and republishes it if that changed.</summary>
    public Task SetNextAsync(string topic, NextItem? next, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            if (Equals(_nextByTopic.GetValueOrDefault(topic), next)) return Task.CompletedTask;
            if (next is null) _nextByTopic.Remove(topic);
            else _nextByTopic[topic] = next;
            changes.Add((topic, Snapshot(topic, _sessionsByTopic.TryGetValue(topic, out var sessions) ? sessions : [])));
        }
        return PublishAsync(changes, ct);
    }

    /// <summary>Republishes the devices' own topics (sessions unchanged), e.g. after their settings changed.</summary>
    public Task PublishDevicesAsync(IEnumerable<string> deviceIds, CancellationToken ct)
    {
        var changes = new List<(string, DesiredState)>();
        lock (_gate)
        {
            foreach (var topic in deviceIds.Select(TopicTree.DeviceDesired).Distinct(StringComparer.Ordinal))
                changes.Add((topic, Snapshot(topic, _sessionsByTopic.TryGetValue(topic, out var sessions) ? sessions : [])));
        }
        return PublishAsync(changes, ct);
    }

    public NextItem? NextOn(string topic)
    {
        lock (_gate) return _nextByTopic.GetValueOrDefault(topic);
    }

    /// <summary>Publishes the current list of the zone "all", of every registered device and of every topic in use.</summary>
    public async Task RepublishAllAsync()
    {
        try
        {
            var topics = _registry.List().Select(d => TopicTree.DeviceDesired(d.Id)).Append(TopicTree.ZoneDesired(TopicTree.AllZone));
            var changes = new List<(string, DesiredState)>();
            lock (_gate)
            {
                foreach (var topic in topics.Concat(_sessionsByTopic.Keys).Concat(_nextByTopic.Keys).Distinct(StringComparer.Ordinal))
                    changes.Add((topic, Snapshot(topic, _sessionsByTopic.TryGetValue(topic, out var sessions) ? sessions : [])));
            }
            await PublishAsync(changes, CancellationToken.None);
            LogRepublished(changes.Count);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // The link dropped again; the next Connected republishes.
            LogRepublishFailed(ex);
        }
    }

    public IReadOnlyList<SessionInfo> SessionsOn(string topic)
    {
        lock (_gate) return _sessionsByTopic.TryGetValue(topic, out var sessions) ? sessions.ToArray() : [];
    }

    private DesiredState Snapshot(string topic, List<SessionInfo> sessions)
    {
        var nowUs = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _lastRev = Math.Max(_lastRev + 1, nowUs);
        // Settings travel only on a device's own topic, so a session change there republishes them as they are.
        var config = _configs is not null && TopicTree.TryParse(topic, out var name) && name.Kind == TopicKind.DeviceDesired
            ? _configs.ConfigFor(name.Id)
            : null;
        return new DesiredState
        {
            Rev = _lastRev, IssuedUs = nowUs, Sessions = sessions.ToArray(), Next = _nextByTopic.GetValueOrDefault(topic), Config = config,
        };
    }

    /// <summary>
    /// Publishes every change without waiting for one acknowledgement before sending the next: an emergency to a few
    /// hundred speakers writes one topic per speaker, and a round trip each would eat its second. The packets still
    /// leave on the one connection in this order, and each topic appears once per batch.
    /// </summary>
    private async Task PublishAsync(List<(string Topic, DesiredState State)> changes, CancellationToken ct)
    {
        foreach (var (topic, state) in changes)
        {
            // Devices reject an invalid desired state; refusing it here makes the mistake loud instead of silent.
            if (state.Validate() is { } problem) throw new InvalidOperationException($"invalid desired state for {topic}: {problem}");
        }
        var sends = new List<Task>(changes.Count);
        foreach (var (topic, state) in changes)
            sends.Add(_bus.PublishAsync(topic, MessageCodec.Encode(state), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, ct));
        await Task.WhenAll(sends);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Desired state republished on {Topics} topics after connecting to the broker")]
    private partial void LogRepublished(int topics);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Republishing desired state failed; it is retried on the next connection")]
    private partial void LogRepublishFailed(Exception exception);
}
