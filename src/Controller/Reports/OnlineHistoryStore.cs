using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Reports;

/// <summary>Devices' online history in LiteDB (collection <c>online_history</c>), for uptime. Thread-safe through LiteDB.</summary>
public sealed class OnlineHistoryStore
{
    public const string CollectionName = "online_history";

    private readonly ILiteCollection<OnlineInterval> _collection;

    public OnlineHistoryStore(ControllerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _collection = database.Database.GetCollection<OnlineInterval>(CollectionName);
        _collection.EnsureIndex(i => i.FromMs);
        _collection.EnsureIndex(i => i.ToMs);
    }

    public void Upsert(IEnumerable<OnlineInterval> intervals)
    {
        var batch = intervals.Select(i =>
        {
            i.FromMs = i.From.ToUnixTimeMilliseconds();
            i.ToMs = i.To is { } to ? to.ToUnixTimeMilliseconds() : long.MaxValue;
            return i;
        }).ToList();
        if (batch.Count > 0) _collection.Upsert(batch);
    }

    /// <summary>Intervals that overlap [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<OnlineInterval> Overlapping(DateTimeOffset from, DateTimeOffset to)
    {
        long a = from.ToUnixTimeMilliseconds(), b = to.ToUnixTimeMilliseconds();
        return _collection.Find(i => i.FromMs < b && i.ToMs >= a).OrderBy(i => i.From).ToList();
    }

    public IReadOnlyList<OnlineInterval> OpenIntervals() => _collection.Find(i => i.ToMs == long.MaxValue).ToList();
}
