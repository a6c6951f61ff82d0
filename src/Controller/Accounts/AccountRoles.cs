namespace InfoRadio.Controller.Accounts;

/// <summary>The roles a user may hold. A role grants what its name says; admin grants every write except approval.</summary>
public static class AccountRoles
{
    public const string Admin = "admin";
    public const string Broadcaster = "broadcaster";
    public const string Approver = "approver";
    public const string Technician = "technician";
    public const string Viewer = "viewer";

    /// <summary>A machine account of a CAP 1.2 alert feed (the province or national warning system): may post alerts only.</summary>
    public const string CapFeed = "cap-feed";

    /// <summary>A machine account of the province's source information system: may post bulletins only.</summary>
    public const string ProvinceFeed = "province-feed";

    public static readonly IReadOnlyList<string> All = [Admin, Broadcaster, Approver, Technician, Viewer, CapFeed, ProvinceFeed];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
