using System.Buffers;

namespace InfoRadio.Controller.Messaging;

/// <summary>A device message taken from the embedded broker, with the controller time it arrived at.</summary>
public sealed record TappedMessage(string Topic, byte[] Payload, long ReceivedUs);

/// <summary>
/// How the embedded broker hands what devices publish to the <see cref="ControllerBus"/> in process, instead of
/// through an MQTT subscription of the controller's own link. That link is one session, served by one send loop on
/// the thread pool: in a reconnect storm of 2,000 speakers on a busy 2-core box the states waited 5–20 s in it behind
/// thousands of clock requests and events, so the controller listed speakers online long after they were playing.
/// Through the tap a message is copied as the broker admits it (after its ACL) and read by the bus on a thread of
/// its own. Bounded: past <see cref="Capacity"/> waiting messages new ones are dropped and counted. The reader sleeps
/// on a monitor, not in a <c>BlockingCollection</c>: its semaphore spins before each wait, and woken a few thousand
/// times a second by clock requests, that spinning took a tenth of the controller's CPU (a profile at 3,000 speakers).
/// </summary>
public sealed class DeviceMessageTap : IDisposable
{
    public const int DefaultCapacity = 100_000;

    private readonly Queue<TappedMessage> _queue = new();
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private bool _completed;
    private long _dropped;

    public DeviceMessageTap(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Messages dropped because <see cref="Capacity"/> were waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Disposed: nothing reads any more, and writes are dropped (the controller is stopping).</summary>
    public bool IsCompleted
    {
        get { lock (_gate) return _completed; }
    }

    public int Waiting
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Hands over a copy of one message, stamped now (never blocks the broker); false when it was dropped.</summary>
    public bool TryWrite(string topic, ReadOnlySequence<byte> payload)
    {
        var receivedUs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        var message = new TappedMessage(topic, payload.ToArray(), receivedUs);
        lock (_gate)
        {
            // Disposed (shutting down: nothing reads any more), or full.
            if (!_completed && _queue.Count < Capacity)
            {
                _queue.Enqueue(message);
                // The reader waits only on an empty queue.
                if (_queue.Count == 1) Monitor.Pulse(_gate);
                return true;
            }
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>The next message, blocking until one comes; null once <paramref name="ct"/> is cancelled or the tap disposed.</summary>
    internal TappedMessage? Take(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_queue.Count > 0) return _queue.Dequeue();
        }
        using var wake = ct.Register(WakeReader);
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_completed || ct.IsCancellationRequested) return null; // the tap was disposed, or stopping
                Monitor.Wait(_gate);
            }
            return _queue.Dequeue();
        }
    }

    private void WakeReader()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    /// <summary>
    /// Ends the hand-over: a reader blocked in <see cref="Take"/> returns null (after the messages already waiting
    /// are read), later writes are dropped.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
