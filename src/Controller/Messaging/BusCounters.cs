using InfoRadio.Protocol.Topics;

namespace InfoRadio.Controller.Messaging;

/// <summary>What the controller's MQTT link received, sent and dropped since start. Thread-safe, lock-free.</summary>
public sealed class BusCounters
{
    private readonly long[] _received = new long[KindCount];
    private readonly long[] _malformed = new long[KindCount];
    private long _unexpectedTopics;
    private long _observerFailures;
    private long _dispatchFailures;
    private long _clockResponses;
    private long _connects;
    private long _connectFailures;
    private long _duplicateEvents;
    private long _clockRequestsDropped;

    private static readonly int KindCount = Enum.GetValues<TopicKind>().Length;

    /// <summary>Valid messages received on topics of <paramref name="kind"/>.</summary>
    public long Received(TopicKind kind) => Interlocked.Read(ref _received[(int)kind]);

    /// <summary>Messages of <paramref name="kind"/> dropped because their payload failed strict parsing.</summary>
    public long Malformed(TopicKind kind) => Interlocked.Read(ref _malformed[(int)kind]);

    public long MalformedState => Malformed(TopicKind.DeviceState);
    public long MalformedTelemetry => Malformed(TopicKind.DeviceTelemetry);
    public long MalformedEvents => Malformed(TopicKind.DeviceEvents);
    public long MalformedClockRequests => Malformed(TopicKind.ClockRequest);

    /// <summary>Messages on topics outside the tree or of a kind the controller does not consume.</summary>
    public long UnexpectedTopics => Interlocked.Read(ref _unexpectedTopics);

    /// <summary>Calls to an <see cref="IDeviceEventObserver"/> that threw.</summary>
    public long ObserverFailures => Interlocked.Read(ref _observerFailures);

    /// <summary>Received messages whose handling threw (a bug to fix: bad input must be refused by parsing, not by an exception).</summary>
    public long DispatchFailures => Interlocked.Read(ref _dispatchFailures);

    public long ClockResponsesSent => Interlocked.Read(ref _clockResponses);

    /// <summary>Clock requests dropped because <see cref="ControllerBus.MaxWaitingClockRequests"/> were waiting for their answer.</summary>
    public long ClockRequestsDropped => Interlocked.Read(ref _clockRequestsDropped);

    /// <summary>Successful connections (the first one and every reconnection).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Valid device events received, redeliveries included.</summary>
    public long EventsReceived => Received(TopicKind.DeviceEvents);

    /// <summary>Device events recognised by their id as a redelivery and not handed to the observers again.</summary>
    public long EventsDuplicate => Interlocked.Read(ref _duplicateEvents);

    internal void CountReceived(TopicKind kind) => Interlocked.Increment(ref _received[(int)kind]);
    internal void CountMalformed(TopicKind kind) => Interlocked.Increment(ref _malformed[(int)kind]);
    internal void CountUnexpectedTopic() => Interlocked.Increment(ref _unexpectedTopics);
    internal void CountObserverFailure() => Interlocked.Increment(ref _observerFailures);
    internal void CountDispatchFailure() => Interlocked.Increment(ref _dispatchFailures);
    internal void CountClockResponse() => Interlocked.Increment(ref _clockResponses);
    internal void CountConnect() => Interlocked.Increment(ref _connects);
    internal void CountDuplicateEvent() => Interlocked.Increment(ref _duplicateEvents);
    internal void CountConnectFailure() => Interlocked.Increment(ref _connectFailures);
    internal void CountClockRequestDropped() => Interlocked.Increment(ref _clockRequestsDropped);
}
