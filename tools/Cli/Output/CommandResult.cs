namespace InfoRadio.Cli.Output;

/// <summary>What happened to one device's command: sent (and whether the device was online), or why not.</summary>
public sealed record CommandResult(string DeviceId, bool? Online, string? CommandId, int ExitCode, string? Error)
{
    public string Outcome(string type) => (ExitCode, Online) switch
    {
        (ExitCodes.Ok, false) => $"{type} sent, but the device is offline: it will not get it",
        (ExitCodes.Ok, _) => $"{type} sent",
        _ => "failed: " + Error,
    };

    public object ToJson() => new { deviceId = DeviceId, ok = ExitCode == ExitCodes.Ok, online = Online, commandId = CommandId, exitCode = ExitCode, error = Error };
}
