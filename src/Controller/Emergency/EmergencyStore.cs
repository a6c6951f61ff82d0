using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Emergency;

/// <summary>Emergencies and their reach reports in LiteDB; every change is written at once.</summary>
public sealed class EmergencyStore
{
    private readonly ILiteCollection<EmergencyRecord> _collection;

    public EmergencyStore(ControllerDatabase database)
    {
        _collection = database.Database.GetCollection<EmergencyRecord>("emergencies");
        _collection.EnsureIndex(e => e.RequestedAt);
        _collection.EnsureIndex(e => e.State);
    }

    public void Insert(EmergencyRecord record) => _collection.Insert(record);

    public void Update(EmergencyRecord record) => _collection.Update(record);

    public EmergencyRecord? Find(string id) => _collection.FindById(id);

    /// <summary>Emergencies requested in [<paramref name="from"/>, <paramref name="to"/>) (reports).</summary>
    public IReadOnlyList<EmergencyRecord> RequestedBetween(DateTimeOffset from, DateTimeOffset to) =>
        _collection.Find(e => e.RequestedAt >= from && e.RequestedAt < to).ToList();

    public IReadOnlyList<EmergencyRecord> Recent(int limit) =>
        _collection.Query().OrderByDescending(e => e.RequestedAt).Limit(limit).ToList();

    /// <summary>Ends emergencies a previous run left on (it stopped or crashed).</summary>
    public int EndUnfinished(string reason, DateTimeOffset now)
    {
        var open = _collection.Find(e => e.State == EmergencyState.Active).ToList();
        foreach (var record in open)
        {
            EmergencyReach.Close(record, EmergencyState.Ended, reason, now);
            _collection.Update(record);
        }
        return open.Count;
    }
}
