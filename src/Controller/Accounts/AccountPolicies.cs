namespace InfoRadio.Controller.Accounts;

/// <summary>Authorization policies of the API, by what the caller wants to do.</summary>
public static class AccountPolicies
{
    /// <summary>Any signed-in user: read programs, schedules, media, areas, zones.</summary>
    public const string Read = "read";

    /// <summary>Broadcaster or admin: write programs, schedules and media.</summary>
    public const string Broadcast = "broadcast";

    /// <summary>Approver: approve or reject programs (the workflow also refuses the author).</summary>
    public const string Approve = "approve";

    /// <summary>Technician or admin: the administrative tree, zones and where devices stand.</summary>
    public const string Install = "install";

    /// <summary>A CAP feed account or admin: post CAP 1.2 alerts to /api/cap.</summary>
    public const string CapIngest = "cap-ingest";

    /// <summary>Admin: manage users (create, change roles and areas, disable, reset passwords, tokens).</summary>
    public const string ManageUsers = "manage-users";
    /// <summary>The province's feed account or admin: post bulletins to /api/provincial/bulletins.</summary>
    public const string ProvinceIngest = "province-ingest";

    public static void Configure(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Broadcast, p => p.RequireRole(AccountRoles.Broadcaster, AccountRoles.Admin));
        options.AddPolicy(Approve, p => p.RequireRole(AccountRoles.Approver));
        options.AddPolicy(Install, p => p.RequireRole(AccountRoles.Technician, AccountRoles.Admin));
        options.AddPolicy(ManageUsers, p => p.RequireRole(AccountRoles.Admin));
        options.AddPolicy(CapIngest, p => p.RequireRole(AccountRoles.CapFeed, AccountRoles.Admin));
        options.AddPolicy(ProvinceIngest, p => p.RequireRole(AccountRoles.ProvinceFeed, AccountRoles.Admin));
    }
}
