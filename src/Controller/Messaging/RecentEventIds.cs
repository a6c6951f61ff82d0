namespace InfoRadio.Controller.Messaging;

/// <summary>
/// The event ids seen lately, each with when it was first seen: bounded (the oldest forgotten beyond a capacity) and
/// expiring (forgotten after a maximum age). Pure and not thread-safe; <see cref="EventDeduplicator"/> locks.
/// </summary>
internal sealed class RecentEventIds(int capacity, TimeSpan maxAge)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

    public int Count => _seen.Count;

    public bool Contains(string key, DateTimeOffset now)
    {
        Expire(now);
        return _seen.ContainsKey(key);
    }

    /// <summary>Remembers <paramref name="key"/> as seen at <paramref name="at"/>; false when it already was.</summary>
    public bool Add(string key, DateTimeOffset at)
    {
        if (!_seen.TryAdd(key, at)) return false;
        _order.Enqueue((key, at));
        while (_order.Count > capacity) _seen.Remove(_order.Dequeue().Key);
        return true;
    }

    private void Expire(DateTimeOffset now)
    {
        var limit = now - maxAge;
        while (_order.TryPeek(out var oldest) && oldest.At < limit)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Key);
        }
    }
}
