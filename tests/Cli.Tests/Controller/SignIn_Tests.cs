using InfoRadio.Cli.Tests.Infrastructure;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Testing;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>login / whoami / logout, and the exit codes of sign-in failures, against a real controller.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignIn_Tests(ControllerFixture fixture) : IClassFixture<ControllerFixture>
{
    [Fact]
    public async Task Login_checks_the_token_stores_it_privately_and_logout_forgets_it()
    {
        var cli = await fixture.CliAsync(user: null);
        var login = await cli.RunAsync("login", "--url", fixture.Url, "--token", CalendarUsers.Token("tech"));
        Assert.Equal(0, login.ExitCode);
        Assert.Equal($"Signed in to {fixture.Url} as tech (technician).\nStored in {cli.Config.FilePath}.\n", login.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.Config.FilePath));
        Assert.Equal(CalendarUsers.Token("tech"), cli.Config.Load()!.Token);

        var whoami = await cli.RunAsync("whoami", "--json");
        Assert.Equal(0, whoami.ExitCode);
        Assert.Contains("\"name\": \"tech\"", whoami.Out);

        Assert.Equal("Signed out (" + cli.Config.FilePath + " removed).\n", (await cli.RunAsync("logout")).Out);
        Assert.False(File.Exists(cli.Config.FilePath));
        var after = await cli.RunAsync("devices", "list");
        Assert.Equal(ExitCodes.NotAuthorized, after.ExitCode);
        Assert.Contains("not signed in", after.Error);
    }

    [Fact]
    public async Task The_token_can_be_typed_at_the_prompt()
    {
        var cli = await fixture.CliAsync(user: null);
        cli.Stdin = CalendarUsers.Token("admin") + "\n";
        var login = await cli.RunAsync("login", "--url", fixture.Url + "/");
        Assert.Equal(0, login.ExitCode);
        Assert.Equal("Token: ", login.Error);
        Assert.StartsWith($"Signed in to {fixture.Url} as admin (admin).", login.Out);
    }

    [Fact]
    public async Task Login_with_a_user_and_password_stores_a_token_issued_to_that_user_never_the_password()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Controller.As("admin").PostOkAsync("/api/users", new { name, roles = new[] { "technician" }, password = "cli-user-password-1" });
        var cli = await fixture.CliAsync(user: null);
        cli.Stdin = "cli-user-password-1\n";
        var login = await cli.RunAsync("login", "--url", fixture.Url, "--user", name, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal($"Signed in to {fixture.Url} as {name} (technician).\nStored in {cli.Config.FilePath}.\n", login.Out);
        var stored = cli.Config.Load()!.Token;
        Assert.DoesNotContain("cli-user-password-1", File.ReadAllText(cli.Config.FilePath));
        Assert.Equal(name, (await new ApiClient(fixture.Controller.Http, stored).GetJsonAsync("/api/me")).GetProperty("name").GetString());
        Assert.Equal(0, (await cli.RunAsync("devices", "list")).ExitCode);
        var audit = await fixture.Controller.As("admin").GetJsonAsync($"/api/audit?target={name}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "user.token.issue" && e.GetProperty("actor").GetString() == name);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_exits_2_and_stores_nothing()
    {
        var cli = await fixture.CliAsync(user: null);
        cli.Stdin = "not-the-password\n";
        var login = await cli.RunAsync("login", "--url", fixture.Url, "--user", "admin", "--password-stdin");
        Assert.Equal(ExitCodes.NotAuthorized, login.ExitCode);
        Assert.Contains("wrong user name or password", login.Error);
        Assert.Null(cli.Config.Load());
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("login", "--url", fixture.Url, "--user", "admin", "--token", "x")).ExitCode);
    }

    [Fact]
    public async Task A_bad_token_exits_2_and_stores_nothing()
    {
        var cli = await fixture.CliAsync(user: null);
        var login = await cli.RunAsync("login", "--url", fixture.Url, "--token", "wrong-token-0123456789abcdef");
        Assert.Equal(ExitCodes.NotAuthorized, login.ExitCode);
        Assert.Equal("error: GET api/me: the controller refused the token (401): sign in again with 'inforadio login'\n", login.Error);
        Assert.Null(cli.Config.Load());
    }

    [Fact]
    public async Task A_controller_that_does_not_answer_exits_5_with_an_explanation()
    {
        var cli = await fixture.CliAsync(user: null);
        var dead = $"http://127.0.0.1:{FreePort.Next()}";
        var login = await cli.RunAsync("login", "--url", dead, "--token", CalendarUsers.Token("tech"));
        Assert.Equal(ExitCodes.Unreachable, login.ExitCode);
        Assert.Equal($"error: cannot reach the controller at {dead}: connection refused (nothing listens there; is the controller running, is the URL right?)\n", login.Error);

        // Signed in earlier, the controller gone since: the same for any command.
        cli.Config.Save(new Config.CliConfig(dead, CalendarUsers.Token("tech")));
        var list = await cli.RunAsync("devices", "list");
        Assert.Equal(ExitCodes.Unreachable, list.ExitCode);
        Assert.Contains("connection refused", list.Error);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_a_usage_error()
    {
        var cli = await fixture.CliAsync(user: null);
        var login = await cli.RunAsync("login", "--url", "ftp://example", "--token", "x");
        Assert.Equal(ExitCodes.Usage, login.ExitCode);
        Assert.Contains("not an http:// or https:// URL", login.Error);
    }
}
