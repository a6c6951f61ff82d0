namespace InfoRadio.Controller.Accounts;

/// <summary>
/// A user of the API: a name (unique, compared without case), roles among <see cref="AccountRoles"/>, and the
/// administrative areas (official codes: province, district or commune) the user is limited to. No area means the
/// whole system; with areas, the user sees and targets only devices placed in those areas or below them.
/// Never holds a secret: password hashes and token hashes stay inside <see cref="AccountStore"/>.
/// </summary>
public sealed record UserAccount(string Name, IReadOnlyList<string> Roles)
{
    public IReadOnlyList<string> Areas { get; init; } = [];

    /// <summary>A disabled user can neither sign in nor use a token, and every session of theirs ends.</summary>
    public bool Disabled { get; init; }

    /// <summary>Where the user came from: the seeder removes only configured users that left the configuration.</summary>
    public AccountSource Source { get; init; } = AccountSource.Configuration;

    public bool HasPassword { get; init; }

    /// <summary>
    /// Changes whenever the user's credentials or rights change (password, disabled flag): a cookie issued under
    /// another stamp is refused, so a password change ends every other session.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsAreaLimited => Areas.Count > 0;
}

public enum AccountSource
{
    /// <summary>From <c>Accounts:Users</c> (or the demo): recreated at every start, removed once no longer configured.</summary>
    Configuration,

    /// <summary>Created through <c>POST /api/users</c>: kept until deleted through the API.</summary>
    Api,
}
