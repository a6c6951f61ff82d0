using InfoRadio.Cli;
using InfoRadio.Cli.Config;

namespace InfoRadio.Cli.Tests.Infrastructure;

/// <summary>What one CLI invocation did.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// Runs the real CLI in-process through its entry point (<see cref="CliApp.RunAsync"/>) with captured stdout and
/// stderr, a sign-in folder of its own and, optionally, a fake HTTP handler.
/// </summary>
public sealed class CliRun(string configDirectory, Func<HttpMessageHandler>? handler = null)
{
    public ConfigStore Config { get; } = new(configDirectory);

    public string? Stdin { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(Stdin ?? ""),
            Config = Config,
            Handler = handler,
            TimeZone = TimeZoneInfo.Utc,
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        var code = await CliApp.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
