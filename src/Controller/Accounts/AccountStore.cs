using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Users and their API tokens in the LiteDB collection <c>users</c>; tokens only as SHA-256. Reads come from an
/// in-memory copy so that authenticating a request never touches the database. Thread-safe.
/// </summary>
public sealed partial class AccountStore
{
    public const string CollectionName = "users";
    public const int MaxNameLength = 64;

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly ILogger<AccountStore> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserAccount> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _userByTokenHash = new(StringComparer.Ordinal);

    public AccountStore(ControllerDatabase database, ILogger<AccountStore> logger)
    {
        _logger = logger;
        _collection = database.Database.GetCollection(CollectionName);
        foreach (var doc in _collection.FindAll())
        {
            if (!doc["name"].IsString || !doc["roles"].IsArray || !doc["tokens"].IsArray)
            {
                LogUnreadable(doc["_id"].ToString());
                continue;
            }
            var user = new UserAccount(doc["name"].AsString, doc["roles"].AsArray.Where(r => r.IsString).Select(r => r.AsString).ToArray())
            {
                Areas = doc["areas"].IsArray ? doc["areas"].AsArray.Where(a => a.IsString).Select(a => a.AsString).ToArray() : [],
            };
            _users[user.Name] = user;
            foreach (var hash in doc["tokens"].AsArray.Where(t => t.IsString)) _userByTokenHash[hash.AsString] = user.Name;
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
        lock (_gate) return _users.Values.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public UserAccount? Find(string name)
    {
        lock (_gate) return _users.GetValueOrDefault(name);
    }

    /// <summary>The user holding <paramref name="token"/>, or null.</summary>
    public UserAccount? FindByToken(string token)
    {
        // Looking the hash up leaks nothing useful: finding a hash's neighbours does not help guess a random token.
        var hash = ApiTokens.Hash(token);
        lock (_gate) return _userByTokenHash.TryGetValue(hash, out var name) ? _users.GetValueOrDefault(name) : null;
    }

    /// <summary>Creates the user or replaces its roles, areas and token with these (configuration is the source of truth).</summary>
    public UserAccount Seed(string name, IEnumerable<string> roles, string token, IEnumerable<string>? areas = null)
    {
        var areaList = (areas ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (CheckName(name) is { } problem) throw new ArgumentException(problem, nameof(name));
        var roleList = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (roleList.FirstOrDefault(r => !AccountRoles.IsKnown(r)) is { } unknown) throw new ArgumentException($"unknown role '{unknown}'", nameof(roles));
        if (token.Length < ApiTokens.MinLength) throw new ArgumentException($"a token needs at least {ApiTokens.MinLength} characters", nameof(token));
        var hash = ApiTokens.Hash(token);
        lock (_gate)
        {
            if (_userByTokenHash.TryGetValue(hash, out var holder) && !string.Equals(holder, name, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"the token of '{name}' is already the token of '{holder}'", nameof(token));
            var key = _users.TryGetValue(name, out var existing) ? existing.Name : name;
            foreach (var stale in _userByTokenHash.Where(kv => string.Equals(kv.Value, key, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Key).ToArray())
                _userByTokenHash.Remove(stale);
            var user = new UserAccount(key, roleList) { Areas = areaList };
            _collection.Upsert(new BsonDocument
            {
                ["_id"] = key.ToLowerInvariant(),
                ["name"] = key,
                ["roles"] = new BsonArray(roleList.Select(r => new BsonValue(r))),
                ["areas"] = new BsonArray(areaList.Select(a => new BsonValue(a))),
                ["tokens"] = new BsonArray(new BsonValue(hash)),
            });
            _users[key] = user;
            _userByTokenHash[hash] = key;
            LogSeeded(key, string.Join(",", roleList), areaList.Length == 0 ? "everywhere" : string.Join(",", areaList));
            return user;
        }
    }

    /// <summary>
    /// Deletes every user not named in <paramref name="keep"/>, with their tokens. Users exist only by configuration
    /// for now, so one that left it (or a demo user, when the demo is off) must stop working.
    /// </summary>
    public int RemoveAllExcept(IEnumerable<string> keep)
    {
        var names = new HashSet<string>(keep, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            var gone = _users.Keys.Where(n => !names.Contains(n)).ToArray();
            foreach (var name in gone)
            {
                _collection.Delete(name.ToLowerInvariant());
                _users.Remove(name);
                foreach (var hash in _userByTokenHash.Where(kv => string.Equals(kv.Value, name, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Key).ToArray())
                    _userByTokenHash.Remove(hash);
                LogRemoved(name);
            }
            return gone.Length;
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Error, Message = "Skipping unreadable user record {Id}")]
    private partial void LogUnreadable(string id);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "User {Name} removed: no longer configured")]
    private partial void LogRemoved(string name);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "User {Name} seeded with roles {Roles}, areas {Areas}")]
    private partial void LogSeeded(string name, string roles, string areas);
}
