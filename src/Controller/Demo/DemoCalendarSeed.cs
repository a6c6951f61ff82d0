using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// For <c>--demo</c>: users with fixed, published tokens (never use them outside a demo), a small administrative
/// tree (one province, district and commune, three villages), and a zone; <see cref="DemoSpeakers"/> places its
/// speakers in those villages. Codes follow the official format but the tree is a sample.
/// </summary>
public sealed partial class DemoCalendarSeed(AccountStore accounts, TargetDirectory directory, ILogger<DemoCalendarSeed> logger) : IHostedService
{
    public const string CommuneCode = "08980";
    public const string CentreZone = "trung-tam";

    public static readonly IReadOnlyList<(string Name, string Role, string Token)> Users =
    [
        ("demo-admin", AccountRoles.Admin, "demo-admin-token-0000000000"),
        ("demo-broadcaster", AccountRoles.Broadcaster, "demo-broadcaster-token-0000"),
        ("demo-approver", AccountRoles.Approver, "demo-approver-token-00000000"),
        ("demo-technician", AccountRoles.Technician, "demo-technician-token-000000"),
        ("demo-viewer", AccountRoles.Viewer, "demo-viewer-token-0000000000"),
    ];

    public static readonly IReadOnlyList<string> Villages = ["0898001", "0898002", "0898003"];

    /// <summary>The village a demo speaker stands in, and whether it is in the commune-centre zone.</summary>
    public static (string Village, bool Centre) PlacementOf(int speakerIndex) =>
        (Villages[(speakerIndex - 1) % Villages.Count], speakerIndex <= 2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, role, token) in Users)
        {
            accounts.Seed(name, [role], token);
            LogUser(name, role, token);
        }
        directory.ImportAreas(
        [
            new("01", "Thành phố Hà Nội", AdministrativeLevel.Province),
            new("250", "Huyện Mê Linh", AdministrativeLevel.District, "01"),
            new(CommuneCode, "Xã Tiền Phong", AdministrativeLevel.Commune, "250"),
            new(Villages[0], "Thôn Đông", AdministrativeLevel.Village, CommuneCode),
            new(Villages[1], "Thôn Tây", AdministrativeLevel.Village, CommuneCode),
            new(Villages[2], "Thôn Nam", AdministrativeLevel.Village, CommuneCode),
        ]);
        directory.PutZone(new Zone(CentreZone, "Trung tâm xã"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Demo user {Name} ({Role}): Authorization: Bearer {Token}")]
    private partial void LogUser(string name, string role, string token);
}
