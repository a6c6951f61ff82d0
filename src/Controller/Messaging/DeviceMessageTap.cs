using System.Buffers;
using System.Collections.Concurrent;

namespace InfoRadio.Controller.Messaging;

/// <summary>A device message taken from the embedded broker, with the controller time it arrived at.</summary>
public sealed record TappedMessage(string Topic, byte[] Payload, long ReceivedUs);

/// <summary>
/// How the embedded broker hands what devices publish to the <see cref="ControllerBus"/> in process, instead of
/// through an MQTT subscription of the controller's own link. That link is one session, served by one send loop on
/// the thread pool: in a reconnect storm of 2,000 speakers on a busy 2-core box the states waited 5–20 s in it behind
/// thousands of clock requests and events, so the controller listed speakers online long after they were playing.
/// Through the tap a message is copied as the broker admits it (after its ACL) and read by the bus on a thread of
/// its own. Bounded: past <see cref="Capacity"/> waiting messages new ones are dropped and counted.
/// </summary>
public sealed class DeviceMessageTap : IDisposable
{
    public const int DefaultCapacity = 100_000;

    private readonly BlockingCollection<TappedMessage> _queue;
    private readonly TimeProvider _time;
    private long _dropped;

    public DeviceMessageTap(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Capacity = capacity;
        _queue = new BlockingCollection<TappedMessage>(new ConcurrentQueue<TappedMessage>(), capacity);
    }

    public int Capacity { get; }

    /// <summary>Messages dropped because <see cref="Capacity"/> were waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Waiting => _queue.Count;

    /// <summary>Hands over a copy of one message, stamped now (never blocks the broker); false when it was dropped.</summary>
    public bool TryWrite(string topic, ReadOnlySequence<byte> payload)
    {
        var receivedUs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        try
        {
            if (_queue.TryAdd(new TappedMessage(topic, payload.ToArray(), receivedUs))) return true;
        }
        catch (InvalidOperationException)
        {
            // Disposed (shutting down): nothing reads any more.
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>The next message, blocking until one comes; null once <paramref name="ct"/> is cancelled or the tap disposed.</summary>
    internal TappedMessage? Take(CancellationToken ct)
    {
        try
        {
            return _queue.Take(ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            return null; // stopping, or the tap was disposed
        }
    }

    /// <summary>
    /// Ends the hand-over: a reader blocked in <see cref="Take"/> returns null, later writes are dropped. The collection
    /// itself is not disposed, so a thread still inside it is never left with a disposed wait handle.
    /// </summary>
    public void Dispose() => _queue.CompleteAdding();
}
