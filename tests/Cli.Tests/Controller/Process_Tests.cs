using System.Diagnostics;
using System.Text.Json;
using InfoRadio.Cli.Tests.Infrastructure;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>The built CLI run as its own process (dotnet InfoRadio.Cli.dll), as a technician runs it.</summary>
public sealed class Process_Tests(ControllerFixture fixture) : IClassFixture<ControllerFixture>, IDisposable
{
    private readonly string _xdg = Directory.CreateTempSubdirectory("inforadio-cli-xdg-").FullName;

    [Fact]
    public async Task The_built_cli_signs_in_under_XDG_CONFIG_HOME_lists_devices_and_exits_with_documented_codes()
    {
        var login = await RunAsync("login", "--url", fixture.Url, "--token", CalendarUsers.Token("tech"));
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.True(File.Exists(Path.Combine(_xdg, "inforadio", "cli.json")));

        var list = await RunAsync("devices", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("loa-01", JsonDocument.Parse(list.Out).RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()));

        Assert.Equal(ExitCodes.NotFound, (await RunAsync("devices", "show", "ghost")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("devices", "no-such-command")).ExitCode);
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "InfoRadio.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["XDG_CONFIG_HOME"] = _xdg;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(_xdg, recursive: true);
}
