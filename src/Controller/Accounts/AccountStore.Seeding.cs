namespace InfoRadio.Controller.Accounts;

public sealed partial class AccountStore
{
    /// <summary>
    /// Creates or updates a configured user (configuration is the source of truth for roles, areas and the configured
    /// token). A configured password is an initial password: it is set when the user is new or when the configuration
    /// gives another one than last time, so a password the user changed since survives a restart. Tokens issued through
    /// the API, the disabled flag and the security stamp (unless the password was set) are kept.
    /// </summary>
    public UserAccount Seed(string name, IEnumerable<string> roles, string? token, IEnumerable<string>? areas = null, string? password = null)
    {
        if (CheckName(name) is { } problem) throw new ArgumentException(problem, nameof(name));
        var (roleList, roleProblem) = NormalizeRoles(roles);
        if (roleList is null) throw new ArgumentException(roleProblem, nameof(roles));
        var (areaList, areaProblem) = NormalizeAreas(areas);
        if (areaList is null) throw new ArgumentException(areaProblem, nameof(areas));
        if (token is null && password is null) throw new ArgumentException($"'{name}' needs a token or a password", nameof(token));
        if (token is not null && token.Length < ApiTokens.MinLength) throw new ArgumentException($"a token needs at least {ApiTokens.MinLength} characters", nameof(token));
        if (password is not null && PasswordPolicy.Check(name, password) is { } weak) throw new ArgumentException(weak, nameof(password));
        var hash = token is null ? null : ApiTokens.Hash(token);

        // PBKDF2 takes tens of milliseconds: never under the lock that every request's authentication takes.
        StoredUser? before;
        lock (_gate) before = _users.GetValueOrDefault(name);
        string? newPassword = null;
        if (password is not null && !AccountPasswords.Verify(before?.SeedPasswordHash, password).Matches)
            newPassword = AccountPasswords.Hash(password);

        lock (_gate)
        {
            if (hash is not null && _userByTokenHash.TryGetValue(hash, out var holder) && !string.Equals(holder, name, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"the token of '{name}' is already the token of '{holder}'", nameof(token));
            var existing = _users.GetValueOrDefault(name);
            var key = existing?.Account.Name ?? name;
            var passwordHash = newPassword ?? existing?.PasswordHash;
            var user = new StoredUser
            {
                Account = new UserAccount(key, roleList)
                {
                    Areas = areaList,
                    Disabled = existing?.Account.Disabled ?? false,
                    Source = AccountSource.Configuration,
                    HasPassword = passwordHash is not null,
                    SecurityStamp = newPassword is not null || existing is null ? StoredUser.NewStamp() : existing.Account.SecurityStamp,
                },
                PasswordHash = passwordHash,
                SeedPasswordHash = newPassword ?? (password is null ? null : existing?.SeedPasswordHash),
                ConfiguredTokens = hash is null ? [] : [hash],
                IssuedTokens = existing?.IssuedTokens ?? [],
            };
            Save(user);
            LogSeeded(key, string.Join(",", roleList), areaList.Length == 0 ? "everywhere" : string.Join(",", areaList));
            return user.Account;
        }
    }

    /// <summary>
    /// Deletes every configured user not named in <paramref name="keep"/>, with their tokens: a user taken out of the
    /// configuration (or a demo user, when the demo is off) must stop working. Users created through the API stay.
    /// </summary>
    public int RemoveAllExcept(IEnumerable<string> keep)
    {
        var names = new HashSet<string>(keep, StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            var gone = _users.Values.Where(u => u.Account.Source == AccountSource.Configuration && !names.Contains(u.Account.Name))
                .Select(u => u.Account.Name).ToArray();
            foreach (var name in gone)
            {
                Remove(name);
                LogRemoved(name);
            }
            return gone.Length;
        }
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "User {Name} removed: no longer configured")]
    private partial void LogRemoved(string name);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "User {Name} seeded with roles {Roles}, areas {Areas}")]
    private partial void LogSeeded(string name, string roles, string areas);
}
