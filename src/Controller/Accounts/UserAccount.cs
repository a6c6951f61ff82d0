namespace InfoRadio.Controller.Accounts;

/// <summary>A user of the API: a name (unique, compared without case) and roles among <see cref="AccountRoles"/>.</summary>
public sealed record UserAccount(string Name, IReadOnlyList<string> Roles)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
