using LiteDB;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// A user as <see cref="AccountStore"/> keeps it, secrets included (hashes only), and its LiteDB document. Mutated
/// only under the store's lock; what leaves the store is the immutable <see cref="UserAccount"/>.
/// </summary>
internal sealed class StoredUser
{
    public required UserAccount Account { get; set; }

    /// <summary>PBKDF2 hash (<see cref="AccountPasswords"/>); null when the user signs in by token only.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Hash of the password the configuration gave, to tell at the next start whether the configuration changed it.</summary>
    public string? SeedPasswordHash { get; set; }

    /// <summary>SHA-256 of the token the configuration gives (<c>Accounts:Users:N:Token</c>).</summary>
    public List<string> ConfiguredTokens { get; init; } = [];

    /// <summary>SHA-256 of the tokens issued through the API.</summary>
    public List<string> IssuedTokens { get; init; } = [];

    public IEnumerable<string> AllTokens => ConfiguredTokens.Concat(IssuedTokens);

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    public BsonDocument ToDocument() => new()
    {
        ["_id"] = Account.Name.ToLowerInvariant(),
        ["name"] = Account.Name,
        ["roles"] = Strings(Account.Roles),
        ["areas"] = Strings(Account.Areas),
        // "tokens" held the configured token before users could be created through the API; the name stays.
        ["tokens"] = Strings(ConfiguredTokens),
        ["issuedTokens"] = Strings(IssuedTokens),
        ["password"] = PasswordHash is null ? BsonValue.Null : new BsonValue(PasswordHash),
        ["seedPassword"] = SeedPasswordHash is null ? BsonValue.Null : new BsonValue(SeedPasswordHash),
        ["disabled"] = Account.Disabled,
        ["source"] = Account.Source == AccountSource.Api ? "api" : "configuration",
        ["stamp"] = Account.SecurityStamp,
    };

    /// <summary>The user of a stored document, or null when the document is unreadable.</summary>
    public static StoredUser? FromDocument(BsonDocument doc)
    {
        if (!doc["name"].IsString || !doc["roles"].IsArray || !doc["tokens"].IsArray) return null;
        var password = doc["password"].IsString ? doc["password"].AsString : null;
        return new StoredUser
        {
            Account = new UserAccount(doc["name"].AsString, ReadStrings(doc["roles"]))
            {
                Areas = ReadStrings(doc["areas"]),
                Disabled = doc["disabled"].IsBoolean && doc["disabled"].AsBoolean,
                Source = doc["source"].IsString && doc["source"].AsString == "api" ? AccountSource.Api : AccountSource.Configuration,
                HasPassword = password is not null,
                // A record from before stamps existed gets one; no cookie can carry the empty stamp.
                SecurityStamp = doc["stamp"].IsString && doc["stamp"].AsString.Length > 0 ? doc["stamp"].AsString : NewStamp(),
            },
            PasswordHash = password,
            SeedPasswordHash = doc["seedPassword"].IsString ? doc["seedPassword"].AsString : null,
            ConfiguredTokens = [.. ReadStrings(doc["tokens"])],
            IssuedTokens = [.. ReadStrings(doc["issuedTokens"])],
        };
    }

    private static BsonArray Strings(IEnumerable<string> values) => new(values.Select(v => new BsonValue(v)));

    private static string[] ReadStrings(BsonValue value) =>
        value.IsArray ? value.AsArray.Where(v => v.IsString).Select(v => v.AsString).ToArray() : [];
}
