using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>Broadcast history in LiteDB. Every change is written at once: a crash loses no report.</summary>
public sealed class BroadcastStore
{
    private readonly ILiteCollection<BroadcastRecord> _collection;

    public BroadcastStore(ControllerDatabase database)
    {
        _collection = database.Database.GetCollection<BroadcastRecord>("broadcasts");
        _collection.EnsureIndex(b => b.CreatedAt);
        _collection.EnsureIndex(b => b.State);
    }

    public void Insert(BroadcastRecord record) => _collection.Insert(record);

    public void Update(BroadcastRecord record) => _collection.Update(record);

    public BroadcastRecord? Find(string id) => _collection.FindById(id);

    public IReadOnlyList<BroadcastRecord> Recent(int limit) =>
        _collection.Query().OrderByDescending(b => b.CreatedAt).Limit(limit).ToList();

    /// <summary>Broadcasts created in [<paramref name="from"/>, <paramref name="to"/>) (reports).</summary>
    public IReadOnlyList<BroadcastRecord> CreatedBetween(DateTimeOffset from, DateTimeOffset to) =>
        _collection.Find(b => b.CreatedAt >= from && b.CreatedAt < to).ToList();

    /// <summary>Ends broadcasts a previous run left on air (it stopped or crashed mid-stream).</summary>
    public int FailUnfinished(string reason, DateTimeOffset now)
    {
        var open = _collection.Find(b => b.State == BroadcastState.Pending || b.State == BroadcastState.Playing).ToList();
        foreach (var record in open)
        {
            DeliveryTracker.FailUnsettled(record.Devices, _ => reason);
            record.State = DeliveryTracker.FinalState(record.Devices);
            record.Reason = reason;
            record.EndedAt = now;
            _collection.Update(record);
        }
        return open.Count;
    }
}
