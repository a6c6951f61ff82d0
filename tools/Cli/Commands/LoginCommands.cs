using System.CommandLine;
using System.Text;
using System.Text.Json;
using InfoRadio.Cli.Config;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

/// <summary>
/// <c>login</c> (check a token with GET /api/me, then store it; or, with <c>--user</c>, sign in with the password
/// and store an API token issued for this CLI by POST /api/me/tokens) and <c>logout</c>.
/// </summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The controller's address, e.g. https://radio.xa-an-binh.vn", Required = true };
        var token = new Option<string?>("--token") { Description = "API token (asked for when omitted; better, so it stays out of the shell history)" };
        var user = new Option<string?>("--user") { Description = "Sign in with this user's password instead of a token; the CLI then stores a token issued to it" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "With --user: read the password from the first line of standard input" };
        var login = new Command("login", "Sign in to a controller: checks the token (or the user's password), then stores URL and token in " +
            "$XDG_CONFIG_HOME/inforadio/cli.json (readable by you only)") { url, token, user, passwordStdin };
        login.SetAction((parse, ct) => CommandRunner.GuardAsync(context, () => parse.GetValue(user) is { } name
            ? parse.GetValue(token) is not null
                ? throw new CliException(ExitCodes.Usage, "give --user or --token, not both")
                : PasswordLoginAsync(context, parse.GetValue(url)!, name, parse.GetValue(passwordStdin), ct)
            : parse.GetValue(passwordStdin)
                ? throw new CliException(ExitCodes.Usage, "--password-stdin needs --user")
                : LoginAsync(context, parse.GetValue(url)!, parse.GetValue(token), ct)));

        var logout = new Command("logout", "Forget the stored sign-in");
        logout.SetAction(_ =>
        {
            context.Out.WriteLine(context.Config.Delete() ? $"Signed out ({context.Config.FilePath} removed)." : "Not signed in.");
            return ExitCodes.Ok;
        });

        var json = CommandRunner.JsonOption();
        var whoami = new Command("whoami", "Show who the stored token belongs to") { json };
        whoami.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var me = await client.GetJsonAsync("api/me", ct);
            await context.WriteAsync(parse.GetValue(json) ? JsonOutput.Render(me) : Describe(client.BaseAddress, me));
            return ExitCodes.Ok;
        });
        return [login, logout, whoami];
    }

    private static async Task<int> LoginAsync(CliContext context, string url, string? token, CancellationToken ct)
    {
        token ??= await PromptTokenAsync(context);
        if (string.IsNullOrWhiteSpace(token)) throw new CliException(ExitCodes.Usage, "no token given");
        var config = new CliConfig(url.Trim(), token.Trim());
        JsonElement me;
        using (var client = CommandRunner.CreateClient(context, config))
            me = await client.GetJsonAsync("api/me", ct);
        context.Config.Save(config);
        await context.WriteAsync(Describe(new Uri(config.Url), me) + $"Stored in {context.Config.FilePath}.\n");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Signs in with the password (POST /api/session), has the controller issue a token to this user
    /// (POST /api/me/tokens), signs the cookie session out again, and stores the token: the password is never stored.
    /// </summary>
    private static async Task<int> PasswordLoginAsync(CliContext context, string url, string name, bool fromStdin, CancellationToken ct)
    {
        var password = fromStdin ? await context.In.ReadLineAsync(ct) : await PromptSecretAsync(context, "Password: ");
        if (string.IsNullOrEmpty(password)) throw new CliException(ExitCodes.Usage, "no password given");
        string issued;
        using (var session = CommandRunner.CreateClient(context, url.Trim(), token: null))
        {
            try
            {
                await session.PostJsonAsync("api/session", new { name = name.Trim(), password }, ct);
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.NotAuthorized)
            {
                throw new CliException(ExitCodes.NotAuthorized, $"POST api/session: wrong user name or password, or the account is disabled", e);
            }
            issued = JsonFields.TextOrNull(await session.PostJsonAsync("api/me/tokens", null, ct), "token")
                ?? throw new CliException(ExitCodes.Refused, "POST api/me/tokens: the controller answered without a token");
            await session.DeleteAsync("api/session", ct);
        }
        return await LoginAsync(context, url, issued, ct);
    }

    private static string Describe(Uri url, JsonElement me) =>
        $"Signed in to {url.GetLeftPart(UriPartial.Path).TrimEnd('/')} as {JsonFields.Text(me, "name")} ({JsonFields.Joined(me, "roles")}).\n";

    private static Task<string?> PromptTokenAsync(CliContext context) => PromptSecretAsync(context, "Token: ");

    private static async Task<string?> PromptSecretAsync(CliContext context, string prompt)
    {
        await context.Error.WriteAsync(prompt);
        if (!context.InteractiveInput) return await context.In.ReadLineAsync();
        // Typed at a terminal: no echo, so the secret is not left on the screen.
        var token = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (token.Length > 0) token.Length--; }
            else if (!char.IsControl(key.KeyChar)) token.Append(key.KeyChar);
        }
        await context.Error.WriteLineAsync();
        return token.ToString();
    }
}
