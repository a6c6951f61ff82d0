namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One controller for the role and area tests: a user per role, users limited to commune 08980 (Tiền Phong) or 08983
/// (Hòa Bình), and speakers in both communes: tp-1 (village 0898001, zone cho), tp-2 (0898002, zone dinh), hb-1
/// (0898301, zone cho, so "cho" spans both communes) and loose (unplaced).
/// </summary>
public sealed class ScopedInstallation : IAsyncLifetime
{
    public const string CommuneTp = "08980";
    public const string CommuneHb = "08983";

    /// <summary>Name, roles and areas (none: the whole system).</summary>
    public static readonly IReadOnlyList<(string Name, string[] Roles, string[] Areas)> Users =
    [
        ("admin", ["admin"], []),
        ("bc", ["broadcaster"], []),
        ("ap", ["approver"], []),
        ("tech", ["technician"], []),
        ("viewer", ["viewer"], []),
        ("cap", ["cap-feed"], []),
        ("bc-tp", ["broadcaster"], [CommuneTp]),
        ("bc-hb", ["broadcaster"], [CommuneHb]),
        ("tech-tp", ["technician"], [CommuneTp]),
        ("tech-hb", ["technician"], [CommuneHb]),
        ("ap-tp", ["approver"], [CommuneTp]),
    ];

    private readonly TempDirectory _temp = new();

    public RunningController Controller { get; private set; } = null!;

    /// <summary>The secret of each speaker, for agents that connect as it.</summary>
    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public string Folder(string name) => _temp.Sub(name);

    public ApiClient As(string user) => new(Controller.Http, Token(user));

    public ApiClient Anonymous => new(Controller.Http, null);

    public static string Token(string user) => $"{user}-scope-token-0123456789abcdef";

    public async Task InitializeAsync()
    {
        var args = Users.SelectMany((u, i) => u.Roles.Select((r, j) => $"--Accounts:Users:{i}:Roles:{j}={r}")
            .Concat(u.Areas.Select((a, k) => $"--Accounts:Users:{i}:Areas:{k}={a}"))
            .Append($"--Accounts:Users:{i}:Name={u.Name}")
            .Append($"--Accounts:Users:{i}:Token={Token(u.Name)}")).ToArray();
        Controller = await RunningController.StartAsync(_temp.Sub("data"), null, args);
        var admin = As("admin");
        await admin.PostOkAsync("/api/areas", new
        {
            areas = new object[]
            {
                new { code = "01", name = "Thành phố Hà Nội", level = "province" },
                new { code = "250", name = "Huyện Mê Linh", level = "district", parent = "01" },
                new { code = CommuneTp, name = "Xã Tiền Phong", level = "commune", parent = "250" },
                new { code = "0898001", name = "Thôn Đông", level = "village", parent = CommuneTp },
                new { code = "0898002", name = "Thôn Tây", level = "village", parent = CommuneTp },
                new { code = CommuneHb, name = "Xã Hòa Bình", level = "commune", parent = "250" },
                new { code = "0898301", name = "Thôn Bắc", level = "village", parent = CommuneHb },
            },
        });
        await admin.PostOkAsync("/api/zones", new { id = "cho", name = "Chợ" });
        await admin.PostOkAsync("/api/zones", new { id = "dinh", name = "Đình" });
        foreach (var (id, village, zones) in new (string, string?, string[])[]
                 {
                     ("tp-1", "0898001", ["cho"]), ("tp-2", "0898002", ["dinh"]), ("hb-1", "0898301", ["cho"]), ("loose", null, []),
                 })
        {
            var created = await admin.PostOkAsync("/api/devices", new { id, name = $"Loa {id}", village, zones });
            Secrets[id] = created.GetProperty("secret").GetString()!;
        }
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        _temp.Dispose();
    }
}
