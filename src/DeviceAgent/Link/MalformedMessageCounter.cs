using System.Collections.Concurrent;

namespace InfoRadio.DeviceAgent.Link;

/// <summary>
/// Counts rejected inbound messages per topic kind, and rations the warnings about them: a broken or hostile
/// sender at 50 packets a second must not flood the box's log.
/// </summary>
internal sealed class MalformedMessageCounter(TimeProvider time, TimeSpan? logInterval = null)
{
    /// <summary>Kind used for topics outside the v1 tree or not meant for this device.</summary>
    public const string UnexpectedTopic = "UnexpectedTopic";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastLogTicks = new(StringComparer.Ordinal);
    private readonly long _logIntervalTicks = (logInterval ?? TimeSpan.FromSeconds(10)).Ticks;
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> ByKind => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Counts one message; true when it deserves a log line (the first of its kind per interval).</summary>
    public bool Count(string kind)
    {
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        var now = time.GetTimestamp();
        var last = _lastLogTicks.GetOrAdd(kind, long.MinValue);
        if (last != long.MinValue && time.GetElapsedTime(last, now).Ticks < _logIntervalTicks) return false;
        return _lastLogTicks.TryUpdate(kind, now, last);
    }
}
