using InfoRadio.Controller.Accounts;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// The users <c>--demo</c> signs in with. Their tokens and their password are published (README, and
/// <c>GET /api/demo/accounts</c> while the demo runs): never use them outside a demo. The two commune
/// broadcasters are limited to their commune (<see cref="DemoCalendarSeed"/>): each sees and reaches only its own
/// speakers, which is how a commune's account works in a shared provincial installation.
/// </summary>
public static class DemoUsers
{
    /// <summary>Every demo user's password.</summary>
    public const string Password = "inforadio-demo";

    public static readonly IReadOnlyList<(string Name, string Role, string Token, string[] Areas)> All =
    [
        ("demo-admin", AccountRoles.Admin, "demo-admin-token-0000000000", []),
        ("demo-broadcaster", AccountRoles.Broadcaster, "demo-broadcaster-token-0000", []),
        ("demo-broadcaster-tp", AccountRoles.Broadcaster, "demo-broadcaster-tp-token-00", [DemoCalendarSeed.CommuneCode]),
        ("demo-broadcaster-hb", AccountRoles.Broadcaster, "demo-broadcaster-hb-token-00", [DemoCalendarSeed.SecondCommuneCode]),
        ("demo-approver", AccountRoles.Approver, "demo-approver-token-00000000", []),
        ("demo-technician", AccountRoles.Technician, "demo-technician-token-000000", []),
        ("demo-viewer", AccountRoles.Viewer, "demo-viewer-token-0000000000", []),
    ];
}
