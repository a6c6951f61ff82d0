using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Provincial;

/// <summary>Bulletins from the province in LiteDB, with inline audio in LiteDB file storage. Every change is written at once.</summary>
public sealed class BulletinStore
{
    public const string CollectionName = "provincial_bulletins";

    private readonly ILiteCollection<BulletinRecord> _collection;
    private readonly ILiteStorage<string> _files;

    public BulletinStore(ControllerDatabase database)
    {
        _collection = database.Database.GetCollection<BulletinRecord>(CollectionName);
        _collection.EnsureIndex(r => r.State);
        _collection.EnsureIndex(r => r.ReceivedAt);
        _files = database.Database.GetStorage<string>("provincial_files", "provincial_chunks");
    }

    /// <summary>Inserts unless a bulletin with that id exists; false means it did and nothing changed.</summary>
    public bool TryInsert(BulletinRecord record)
    {
        try
        {
            _collection.Insert(record);
            return true;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public void Update(BulletinRecord record) => _collection.Update(record);

    public BulletinRecord? Find(string id) => _collection.FindById(id);

    public IReadOnlyList<BulletinRecord> InState(params BulletinState[] states) =>
        states.SelectMany(s => _collection.Find(r => r.State == s)).ToList();

    public IReadOnlyList<BulletinRecord> Recent(BulletinState? state, int limit) =>
        (state is { } s ? _collection.Query().Where(r => r.State == s) : _collection.Query())
            .OrderByDescending(r => r.ReceivedAt).Limit(limit).ToList();

    public void SaveAudio(string id, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        _files.Upload(FileId(id), "bulletin-audio", stream);
    }

    public byte[]? LoadAudio(string id)
    {
        if (!_files.Exists(FileId(id))) return null;
        using var copy = new MemoryStream();
        _files.Download(FileId(id), copy);
        return copy.ToArray();
    }

    public void DeleteAudio(string id) => _files.Delete(FileId(id));

    // LiteDB file ids allow only a few characters; the province's ids may hold others.
    private static string FileId(string id) => "b" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
}
