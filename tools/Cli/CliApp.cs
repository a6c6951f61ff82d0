using System.CommandLine;
using InfoRadio.Cli.Commands;

namespace InfoRadio.Cli;

/// <summary>The <c>inforadio</c> command line: builds the command tree and runs one invocation.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("InfoRadio technician CLI: sign in to a controller, then list, enroll, command and secure its speakers. "
            + ExitCodes.HelpText);
        foreach (var command in LoginCommands.Create(context)) root.Add(command);
        root.Add(DevicesCommands.Create(context));
        root.Add(ZonesCommands.Create(context));
        root.Add(AreasCommands.Create(context));
        return root;
    }

    /// <summary>Runs the command line; the result is the process exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var parse = BuildRoot(context).Parse(args);
        // Parse errors print usage help and exit with 1 (ExitCodes.Usage), System.CommandLine's own code for them.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, ct);
    }
}
