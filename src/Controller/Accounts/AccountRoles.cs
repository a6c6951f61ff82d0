namespace InfoRadio.Controller.Accounts;

/// <summary>The roles a user may hold. A role grants what its name says; admin grants every write except approval.</summary>
public static class AccountRoles
{
    public const string Admin = "admin";
    public const string Broadcaster = "broadcaster";
    public const string Approver = "approver";
    public const string Technician = "technician";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Broadcaster, Approver, Technician, Viewer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
