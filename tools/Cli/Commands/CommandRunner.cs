using System.CommandLine;
using InfoRadio.Cli.Config;
using InfoRadio.Cli.Http;

namespace InfoRadio.Cli.Commands;

/// <summary>
/// Runs a command's body against the signed-in controller and turns every <see cref="CliException"/> into one
/// "error: …" line on stderr and its exit code, so each command only says what it does.
/// </summary>
internal static class CommandRunner
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print the controller's JSON instead of a table" };

    /// <summary>Runs <paramref name="body"/> with a client for the stored sign-in.</summary>
    public static void SetSignedInAction(this Command command, CliContext context, Func<ParseResult, ControllerClient, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, ct) => GuardAsync(context, async () =>
        {
            var config = context.Config.Load()
                ?? throw new CliException(ExitCodes.NotAuthorized, "not signed in: run 'inforadio login --url <controller url>' first");
            using var client = CreateClient(context, config);
            return await body(parse, client, ct);
        }));

    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message);
            return e.ExitCode;
        }
    }

    /// <param name="config">Where to, and the token; a null token makes a client that signs in with a password first.</param>
    public static ControllerClient CreateClient(CliContext context, CliConfig config) => CreateClient(context, config.Url, config.Token);

    public static ControllerClient CreateClient(CliContext context, string address, string? token)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new CliException(ExitCodes.Usage, $"'{address}' is not an http:// or https:// URL");
        // A trailing slash makes relative paths like "api/devices" resolve under a controller mounted below the root.
        var baseAddress = new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/");
        var handler = context.Handler?.Invoke() ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        return new ControllerClient(baseAddress, token, handler, context.RequestTimeout);
    }

    public static Task WriteAsync(this CliContext context, string text) => context.Out.WriteAsync(text);
}
