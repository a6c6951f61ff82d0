using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Reports;

/// <summary>The verified play log in LiteDB (collection <c>play_log</c>). Thread-safe through LiteDB.</summary>
public sealed class PlayLogStore
{
    public const string CollectionName = "play_log";

    private readonly ILiteCollection<PlayLogEntry> _collection;

    public PlayLogStore(ControllerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _collection = database.Database.GetCollection<PlayLogEntry>(CollectionName);
        _collection.EnsureIndex(e => e.StartMs);
        _collection.EnsureIndex(e => e.EndMs);
        _collection.EnsureIndex(e => e.Ending);
    }

    /// <summary>Stores the entries as they are (insert or replace), in one transaction.</summary>
    public void Upsert(IEnumerable<PlayLogEntry> entries)
    {
        var batch = entries.Select(e =>
        {
            e.StartMs = e.StartedAt.ToUnixTimeMilliseconds();
            e.EndMs = e.EndedAt is { } end ? end.ToUnixTimeMilliseconds() : long.MaxValue;
            return e;
        }).ToList();
        if (batch.Count > 0) _collection.Upsert(batch);
    }

    public PlayLogEntry? Find(string id) => _collection.FindById(id);

    /// <summary>Plays that overlap [<paramref name="from"/>, <paramref name="to"/>), by start.</summary>
    public IReadOnlyList<PlayLogEntry> Overlapping(DateTimeOffset from, DateTimeOffset to)
    {
        long a = from.ToUnixTimeMilliseconds(), b = to.ToUnixTimeMilliseconds();
        return _collection.Find(e => e.StartMs < b && e.EndMs >= a).OrderBy(e => e.StartedAt).ToList();
    }

    /// <summary>Plays a previous run left open: it never saw their end.</summary>
    public IReadOnlyList<PlayLogEntry> OpenPlays() => _collection.Find(e => e.Ending == PlayEnding.Playing).ToList();
}
