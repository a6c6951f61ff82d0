namespace InfoRadio.Cli.Output;

/// <summary>The summary of a command sent to several devices.</summary>
public static class CommandFormat
{
    public static string Results(string type, IReadOnlyList<CommandResult> results)
    {
        var table = new TextTable("DEVICE", "ONLINE", "RESULT");
        foreach (var r in results)
            table.Add(r.DeviceId, r.Online switch { true => "yes", false => "no", null => "-" },
                r.ExitCode == ExitCodes.Ok ? (r.Online == false ? "sent (offline: not delivered)" : "sent") : "failed: " + r.Error);
        var sent = results.Count(r => r.ExitCode == ExitCodes.Ok);
        var offline = results.Count(r => r.ExitCode == ExitCodes.Ok && r.Online == false);
        return table.Render() + $"{type}: {sent} of {results.Count} sent" + (offline > 0 ? $", {offline} to offline device(s)" : "") + ".\n";
    }
}
