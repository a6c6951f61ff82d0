namespace InfoRadio.Controller.Accounts;

/// <summary>
/// A user of the API: a name (unique, compared without case), roles among <see cref="AccountRoles"/>, and the
/// administrative areas (official codes: province, district or commune) the user is limited to. No area means the
/// whole system; with areas, the user sees and targets only devices placed in those areas or below them.
/// </summary>
public sealed record UserAccount(string Name, IReadOnlyList<string> Roles)
{
    public IReadOnlyList<string> Areas { get; init; } = [];

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsAreaLimited => Areas.Count > 0;
}
