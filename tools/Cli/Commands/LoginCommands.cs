using System.CommandLine;
using System.Text;
using System.Text.Json;
using InfoRadio.Cli.Config;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

/// <summary><c>login</c> (check a token with GET /api/me, then store it) and <c>logout</c>.</summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The controller's address, e.g. https://radio.xa-an-binh.vn", Required = true };
        var token = new Option<string?>("--token") { Description = "API token (asked for when omitted; better, so it stays out of the shell history)" };
        var login = new Command("login", "Sign in to a controller: checks the token, then stores URL and token in " +
            "$XDG_CONFIG_HOME/inforadio/cli.json (readable by you only)") { url, token };
        login.SetAction((parse, ct) => CommandRunner.GuardAsync(context, () => LoginAsync(context, parse.GetValue(url)!, parse.GetValue(token), ct)));

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

    private static string Describe(Uri url, JsonElement me) =>
        $"Signed in to {url.GetLeftPart(UriPartial.Path).TrimEnd('/')} as {JsonFields.Text(me, "name")} ({JsonFields.Joined(me, "roles")}).\n";

    private static async Task<string?> PromptTokenAsync(CliContext context)
    {
        await context.Error.WriteAsync("Token: ");
        if (!context.InteractiveInput) return await context.In.ReadLineAsync();
        // Typed at a terminal: no echo, so the token is not left on the screen.
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
