using System.Collections.Concurrent;
using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Session cookies that were signed out. A cookie is self-contained (its claims are sealed inside it), so deleting it
/// from the browser is not enough: a copy taken before sign-out would still work until it expires. Each session cookie
/// carries a random session id (<see cref="SessionCookie.SessionIdClaimType"/>); signing out records that id here until
/// the cookie could no longer be valid anyway (its idle timeout after the sign-out, since a refused cookie is never
/// renewed), and <see cref="SessionCookie"/> refuses a cookie whose id is listed. Kept in LiteDB so a restart of the
/// controller does not bring signed-out sessions back; read from memory on every request.
/// </summary>
public sealed class SignedOutSessions
{
    private const string CollectionName = "signed_out_sessions";

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public SignedOutSessions(ControllerDatabase database, TimeProvider time)
    {
        _collection = database.Database.GetCollection(CollectionName);
        _time = time;
        var now = time.GetUtcNow();
        _collection.DeleteMany(Query.LT("until", new BsonValue(now.UtcDateTime)));
        foreach (var doc in _collection.FindAll())
            _until[doc["_id"].AsString] = new DateTimeOffset(doc["until"].AsDateTime.ToUniversalTime(), TimeSpan.Zero);
    }

    /// <summary>Ends session <paramref name="sessionId"/> for good.</summary>
    public void SignOut(string sessionId)
    {
        var until = _time.GetUtcNow() + SessionCookie.IdleTimeout;
        _until[sessionId] = until;
        _collection.Upsert(new BsonDocument { ["_id"] = sessionId, ["until"] = until.UtcDateTime });
        Prune();
    }

    public bool IsSignedOut(string sessionId) => _until.ContainsKey(sessionId);

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, until) in _until)
        {
            if (until >= now) continue;
            _until.TryRemove(id, out _);
            _collection.Delete(id);
        }
    }
}
