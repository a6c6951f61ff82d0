namespace InfoRadio.Controller.Storage;

/// <summary>
/// Database writes that may wait a moment, so that a burst of changes to one record becomes one write. A broadcast
/// to hundreds of speakers gets a play event from each within a second or two; written one by one, each event would
/// serialise the whole record (hundreds of rows) again on the MQTT receive path, just when the broker and the
/// speakers need the CPU most (an emergency starting). Here the event only changes the record in memory and schedules
/// its write; within <c>delay</c> one write stores every change, off the receive path. Whatever reads the live state
/// reads it from memory, so nobody sees the delay except a crash, which loses at most that much of play reports.
/// Thread-safe.
/// </summary>
public sealed partial class CoalescedWrites : IDisposable
{
    private readonly TimeSpan _delay;
    private readonly ITimer _timer;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Dictionary<object, Action> _pending = [];
    private bool _armed;
    private long _written;
    private long _coalesced;

    public CoalescedWrites(TimeSpan delay, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _delay = delay;
        _logger = logger;
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes done so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Scheduled writes that another one of the same record made unnecessary.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>
    /// Schedules <paramref name="write"/> for the record <paramref name="key"/> within the delay, replacing a write of
    /// the same record not yet done (<paramref name="write"/> must store the record as it is when it runs).
    /// </summary>
    public void Schedule(object key, Action write)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (_pending.ContainsKey(key)) Interlocked.Increment(ref _coalesced);
            _pending[key] = write;
            if (_armed) return;
            _armed = true;
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Does every scheduled write now (also on shutdown); a failing write is logged and the others still run.</summary>
    public void Flush()
    {
        Dictionary<object, Action> due;
        lock (_gate)
        {
            due = _pending;
            _pending = [];
            _armed = false;
        }
        foreach (var write in due.Values)
        {
            try
            {
                write();
                Interlocked.Increment(ref _written);
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex);
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A delayed database write failed; the record keeps its change in memory and is written again with its next change")]
    private partial void LogWriteFailed(Exception ex);
}
