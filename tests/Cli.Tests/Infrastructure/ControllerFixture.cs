using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Infrastructure;

/// <summary>
/// One real controller for a test class (users from <see cref="CalendarUsers"/>: tech, admin, viewer…), with zone
/// <c>cho</c> holding <c>loa-01</c> (a real agent, online, WAV sink) and <c>loa-02</c> (registered, never connected).
/// </summary>
public sealed class ControllerFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public RunningController Controller { get; private set; } = null!;
    public RunningSpeaker Speaker { get; private set; } = null!;
    public string Url => $"http://127.0.0.1:{Controller.HttpPort}";
    public string TempPath => _dir.Path;

    public async Task InitializeAsync()
    {
        Controller = await CalendarUsers.StartAsync(_dir.Sub("data"));
        var admin = Controller.As("admin");
        await admin.PostOkAsync("/api/zones", new { id = "cho", name = "Khu chợ" });
        var secret = (await admin.PostOkAsync("/api/devices", new { id = "loa-01", name = "Loa chợ Đông", zones = new[] { "cho" } })).GetProperty("secret").GetString()!;
        await admin.PostOkAsync("/api/devices", new { id = "loa-02", name = "Loa trường học", zones = new[] { "cho" } });
        Speaker = new RunningSpeaker("loa-01", secret, Controller.BrokerPort, _dir.Sub("wav"));
        await Eventually.TrueAsync(async () => (await Controller.OnlineDevicesAsync()).Contains("loa-01"), TimeSpan.FromSeconds(10), "loa-01 is online");
    }

    /// <summary>A CLI with a sign-in folder of its own, signed in as <paramref name="user"/> unless null.</summary>
    public async Task<CliRun> CliAsync(string? user = "tech")
    {
        var cli = new CliRun(Directory.CreateTempSubdirectory("inforadio-cli-").FullName);
        if (user is null) return cli;
        var login = await cli.RunAsync("login", "--url", Url, "--token", CalendarUsers.Token(user));
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    public async Task DisposeAsync()
    {
        await Speaker.DisposeAsync();
        await Controller.DisposeAsync();
        _dir.Dispose();
    }
}
