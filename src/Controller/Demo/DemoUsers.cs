using InfoRadio.Controller.Accounts;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// The users <c>--demo</c> signs in with. Their tokens and their password are published (README, and
/// <c>GET /api/demo/accounts</c> while the demo runs): never use them outside a demo.
/// </summary>
public static class DemoUsers
{
    /// <summary>Every demo user's password.</summary>
    public const string Password = "inforadio-demo";

    public static readonly IReadOnlyList<(string Name, string Role, string Token)> All =
    [
        ("demo-admin", AccountRoles.Admin, "demo-admin-token-0000000000"),
        ("demo-broadcaster", AccountRoles.Broadcaster, "demo-broadcaster-token-0000"),
        ("demo-approver", AccountRoles.Approver, "demo-approver-token-00000000"),
        ("demo-technician", AccountRoles.Technician, "demo-technician-token-000000"),
        ("demo-viewer", AccountRoles.Viewer, "demo-viewer-token-0000000000"),
    ];
}
