using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Cap;

/// <summary>The CAP ledger in LiteDB. Every change is written at once.</summary>
public sealed class CapStore
{
    public const string CollectionName = "cap_alerts";

    private readonly ILiteCollection<CapRecord> _collection;

    public CapStore(ControllerDatabase database)
    {
        _collection = database.Database.GetCollection<CapRecord>(CollectionName);
        _collection.EnsureIndex(r => r.Key, unique: true);
        _collection.EnsureIndex(r => r.ReceivedAt);
        _collection.EnsureIndex(r => r.Identifier);
    }

    public void Insert(CapRecord record) => _collection.Insert(record);

    public void Update(CapRecord record) => _collection.Update(record);

    public CapRecord? Find(string id) => _collection.FindById(id);

    public CapRecord? FindByKey(string key) => _collection.FindOne(r => r.Key == key);

    /// <summary>Alerts a references entry names: by sender and identifier (and the sent text when it matches one exactly).</summary>
    public IReadOnlyList<CapRecord> FindReferenced(CapReference reference)
    {
        var exact = FindByKey(KeyOf(reference.Sender, reference.Identifier, reference.Sent));
        if (exact is not null) return [exact];
        // Feeds are known to rewrite the offset of sent (e.g. +07:00 as -00:00): fall back to sender and identifier.
        return _collection.Find(r => r.Identifier == reference.Identifier).Where(r => r.Sender == reference.Sender).ToArray();
    }

    public IReadOnlyList<CapRecord> Recent(int limit) =>
        _collection.Query().OrderByDescending(r => r.ReceivedAt).Limit(limit).ToList();

    public static string KeyOf(string sender, string identifier, string sent) => $"{sender},{identifier},{sent}";
}
