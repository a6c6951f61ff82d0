using InfoRadio.Controller.Enrollment;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Infrastructure;

/// <summary>
/// One real controller that accepts enrollments with <see cref="Token"/>: villages 0898001/0898002 (commune 08980),
/// zone <c>cho</c>, and <c>loa-off</c>, registered but never connected. Each test enrolls boxes with serials of its own.
/// </summary>
public sealed class EnrollmentFixture : IAsyncLifetime
{
    public const string Token = "cli-enrollment-token-5b7e21";
    private readonly TempDirectory _dir = new();

    public RunningController Controller { get; private set; } = null!;
    public string Url => $"http://127.0.0.1:{Controller.HttpPort}";

    public async Task InitializeAsync()
    {
        Controller = await RunningController.StartAsync(_dir.Sub("data"), null,
            [.. CalendarUsers.Args(), $"--Enrollment:TokenHashes:0={EnrollmentTokens.Hash(Token)}", "--Enrollment:RotationGraceSeconds=30"]);
        var tech = Controller.As("tech");
        await Targets.ImportAreasAsync(tech);
        await tech.PostOkAsync("/api/zones", new { id = "cho", name = "Khu chợ" });
        await tech.PostOkAsync("/api/devices", new { id = "loa-off", name = "Loa off" });
    }

    /// <summary>A new box booting with <paramref name="serial"/> and the enrollment token, in a folder of its own.</summary>
    public EnrollingSpeaker Box(string serial) => new(serial, Token, Controller.BrokerPort, _dir.Sub(serial));

    public string Folder(string name) => _dir.Sub(name);

    /// <summary>A CLI with a sign-in folder of its own, signed in as <paramref name="user"/>.</summary>
    public async Task<CliRun> CliAsync(string user = "tech")
    {
        var cli = new CliRun(_dir.Sub("cli-" + Guid.NewGuid().ToString("N")));
        var login = await cli.RunAsync("login", "--url", Url, "--token", CalendarUsers.Token(user));
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        _dir.Dispose();
    }
}
