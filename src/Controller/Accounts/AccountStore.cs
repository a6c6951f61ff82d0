using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Users, their password hashes and their API tokens in the LiteDB collection <c>users</c>; tokens only as SHA-256,
/// passwords only as PBKDF2 hashes. Reads come from an in-memory copy so that authenticating a request never
/// touches the database; every change is written through at once. Thread-safe (one lock).
/// Seeding from configuration is in <c>AccountStore.Seeding.cs</c>, changes through the API in
/// <c>AccountStore.Management.cs</c>.
/// </summary>
public sealed partial class AccountStore
{
    public const string CollectionName = "users";
    public const int MaxNameLength = 64;

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly ILogger<AccountStore> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _userByTokenHash = new(StringComparer.Ordinal);

    public AccountStore(ControllerDatabase database, ILogger<AccountStore> logger)
    {
        _logger = logger;
        _collection = database.Database.GetCollection(CollectionName);
        foreach (var doc in _collection.FindAll())
        {
            if (StoredUser.FromDocument(doc) is not { } user)
            {
                LogUnreadable(doc["_id"].ToString());
                continue;
            }
            _users[user.Account.Name] = user;
            foreach (var hash in user.AllTokens) _userByTokenHash[hash] = user.Account.Name;
        }
    }

    /// <summary>Null when <paramref name="name"/> can name a user, else why not.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the user name is empty";
        if (name.Length > MaxNameLength) return $"the user name is longer than {MaxNameLength} characters";
        if (name != name.Trim() || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return "the user name may not contain spaces or control characters";
        return null;
    }

    public IReadOnlyList<UserAccount> List()
    {
        lock (_gate) return _users.Values.Select(u => u.Account).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public UserAccount? Find(string name)
    {
        lock (_gate) return _users.GetValueOrDefault(name)?.Account;
    }

    /// <summary>The user holding <paramref name="token"/> (disabled or not: the caller decides), or null.</summary>
    public UserAccount? FindByToken(string token)
    {
        // Looking the hash up leaks nothing useful: finding a hash's neighbours does not help guess a random token.
        var hash = ApiTokens.Hash(token);
        lock (_gate) return _userByTokenHash.TryGetValue(hash, out var name) ? _users.GetValueOrDefault(name)?.Account : null;
    }

    /// <summary>How many API tokens (configured and issued) the user holds now.</summary>
    public int TokenCount(string name)
    {
        lock (_gate) return _users.TryGetValue(name, out var user) ? user.ConfiguredTokens.Count + user.IssuedTokens.Count : 0;
    }

    /// <summary>Writes <paramref name="user"/> through and re-indexes its tokens. Call under <see cref="_gate"/>.</summary>
    private void Save(StoredUser user)
    {
        var name = user.Account.Name;
        _collection.Upsert(user.ToDocument());
        _users[name] = user;
        DropTokenIndex(name);
        foreach (var hash in user.AllTokens) _userByTokenHash[hash] = name;
    }

    /// <summary>Deletes the user with its tokens. Call under <see cref="_gate"/>.</summary>
    private void Remove(string name)
    {
        _collection.Delete(name.ToLowerInvariant());
        _users.Remove(name);
        DropTokenIndex(name);
    }

    private void DropTokenIndex(string name)
    {
        foreach (var hash in _userByTokenHash.Where(kv => string.Equals(kv.Value, name, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Key).ToArray())
            _userByTokenHash.Remove(hash);
    }

    /// <summary>Roles sorted and distinct, or why they cannot be a user's roles.</summary>
    private static (string[]? Roles, string? Problem) NormalizeRoles(IEnumerable<string>? roles)
    {
        var list = (roles ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return (null, $"at least one role is needed ({string.Join(", ", AccountRoles.All)})");
        if (list.FirstOrDefault(r => !AccountRoles.IsKnown(r)) is { } unknown) return (null, $"unknown role '{unknown}' (known: {string.Join(", ", AccountRoles.All)})");
        return (list, null);
    }

    /// <summary>Area codes trimmed, sorted and distinct, or why they cannot be.</summary>
    private static (string[]? Areas, string? Problem) NormalizeAreas(IEnumerable<string>? areas)
    {
        var list = (areas ?? []).Select(a => a?.Trim() ?? "").Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (list.FirstOrDefault(a => a.Length > 32 || a.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) is { } bad)
            return (null, $"'{bad}' is not an administrative area code");
        return (list, null);
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Error, Message = "Skipping unreadable user record {Id}")]
    private partial void LogUnreadable(string id);
}
