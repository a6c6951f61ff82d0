namespace InfoRadio.Controller.Accounts;

public sealed partial class AccountStore
{
    /// <summary>Issued tokens one user may hold at once; beyond it old ones must be revoked first.</summary>
    public const int MaxIssuedTokens = 50;

    /// <summary>Creates a user through the API (kept across restarts until deleted through the API).</summary>
    /// <exception cref="AccountException">Invalid name, roles, areas or password; or the name is taken.</exception>
    public UserAccount Create(string? name, IEnumerable<string>? roles, IEnumerable<string>? areas, string? password)
    {
        if (CheckName(name) is { } problem) throw new AccountException(AccountError.Invalid, problem);
        var (roleList, areaList) = Validate(roles, areas);
        if (PasswordPolicy.Check(name!, password) is { } weak) throw new AccountException(AccountError.Invalid, weak);
        var hash = AccountPasswords.Hash(password!);
        lock (_gate)
        {
            if (_users.TryGetValue(name!, out var taken)) throw new AccountException(AccountError.Conflict, $"the user '{taken.Account.Name}' exists already");
            var user = new StoredUser
            {
                Account = new UserAccount(name!, roleList)
                {
                    Areas = areaList, Source = AccountSource.Api, HasPassword = true, SecurityStamp = StoredUser.NewStamp(),
                },
                PasswordHash = hash,
            };
            Save(user);
            return user.Account;
        }
    }

    /// <summary>Replaces the user's roles, areas and disabled flag; they take effect on the user's next request.</summary>
    public UserAccount Update(string name, IEnumerable<string>? roles, IEnumerable<string>? areas, bool disabled)
    {
        var (roleList, areaList) = Validate(roles, areas);
        return Change(name, u => u.Account = u.Account with { Roles = roleList, Areas = areaList, Disabled = disabled });
    }

    /// <exception cref="AccountException">Unknown user, or one that comes from the configuration (it would come back at the next start).</exception>
    public void Delete(string name)
    {
        lock (_gate)
        {
            var user = _users.GetValueOrDefault(name) ?? throw NotFound(name);
            if (user.Account.Source == AccountSource.Configuration)
                throw new AccountException(AccountError.Conflict,
                    $"'{user.Account.Name}' comes from the configuration (Accounts:Users, or the demo): remove it there, or disable it here");
            Remove(user.Account.Name);
        }
    }

    /// <summary>Sets a new password and a new security stamp (every cookie session of the user ends).</summary>
    public UserAccount SetPassword(string name, string? password)
    {
        var user = Find(name) ?? throw NotFound(name);
        if (PasswordPolicy.Check(user.Name, password) is { } weak) throw new AccountException(AccountError.Invalid, weak);
        var hash = AccountPasswords.Hash(password!);
        return Change(name, u =>
        {
            u.PasswordHash = hash;
            u.Account = u.Account with { HasPassword = true, SecurityStamp = StoredUser.NewStamp() };
        });
    }

    /// <summary>
    /// The user when <paramref name="password"/> is theirs (disabled or not: the caller decides), else null. Takes as
    /// long for an unknown name as for a wrong password. Renews the hash when its format is outdated.
    /// </summary>
    public UserAccount? VerifyPassword(string name, string password)
    {
        string? hash;
        lock (_gate) hash = _users.GetValueOrDefault(name)?.PasswordHash;
        var (matches, rehash) = AccountPasswords.Verify(hash, password);
        if (!matches) return null;
        if (rehash)
        {
            var renewed = AccountPasswords.Hash(password);
            lock (_gate)
                if (_users.TryGetValue(name, out var u) && u.PasswordHash == hash)
                {
                    u.PasswordHash = renewed;
                    Save(u);
                }
        }
        return Find(name);
    }

    /// <summary>Issues a new random API token to the user; only its SHA-256 is kept, so this is the one chance to see it.</summary>
    public string IssueToken(string name)
    {
        var token = ApiTokens.New();
        Change(name, u =>
        {
            if (u.IssuedTokens.Count >= MaxIssuedTokens)
                throw new AccountException(AccountError.Conflict, $"'{u.Account.Name}' holds {MaxIssuedTokens} tokens already: revoke them first");
            u.IssuedTokens.Add(ApiTokens.Hash(token));
        });
        return token;
    }

    /// <summary>
    /// Revokes every API token of the user, the configured one too (it comes back at the next start unless it is
    /// taken out of the configuration). Returns how many were revoked.
    /// </summary>
    public int RevokeTokens(string name)
    {
        var count = 0;
        Change(name, u =>
        {
            count = u.ConfiguredTokens.Count + u.IssuedTokens.Count;
            u.ConfiguredTokens.Clear();
            u.IssuedTokens.Clear();
        });
        return count;
    }

    private UserAccount Change(string name, Action<StoredUser> change)
    {
        lock (_gate)
        {
            var user = _users.GetValueOrDefault(name) ?? throw NotFound(name);
            change(user);
            Save(user);
            return user.Account;
        }
    }

    private static (string[] Roles, string[] Areas) Validate(IEnumerable<string>? roles, IEnumerable<string>? areas)
    {
        var (roleList, roleProblem) = NormalizeRoles(roles);
        if (roleList is null) throw new AccountException(AccountError.Invalid, roleProblem!);
        var (areaList, areaProblem) = NormalizeAreas(areas);
        if (areaList is null) throw new AccountException(AccountError.Invalid, areaProblem!);
        return (roleList, areaList);
    }

    private static AccountException NotFound(string name) => new(AccountError.NotFound, $"no user '{name}'");
}
