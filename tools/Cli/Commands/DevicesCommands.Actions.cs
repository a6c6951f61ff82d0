using System.CommandLine;
using System.Text.Json;
using InfoRadio.Cli.Http;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

internal static partial class DevicesCommands
{
    private static IEnumerable<Command> ActionCommands(CliContext context)
    {
        yield return BulkCommand(context, "set-volume", "Set the volume (0–100) of devices", withVolume: true);
        yield return BulkCommand(context, "test-tone", "Play the 2 s test tone on devices", withVolume: false);
        yield return BulkCommand(context, "reboot", "Restart the agent on devices (its service manager starts it again)", withVolume: false);

        var rotateId = new Argument<string>("id") { Description = "Device id" };
        var rotateJson = CommandRunner.JsonOption();
        var rotate = new Command("rotate-secret", "Give a device a new MQTT secret (sent to it when online, else shown once)") { rotateId, rotateJson };
        rotate.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.PostJsonAsync($"api/devices/{Segment(parse.GetValue(rotateId)!)}/rotate-secret", null, ct);
            await context.WriteAsync(parse.GetValue(rotateJson) ? JsonOutput.Render(answer) : EnrollmentFormat.Rotated(answer));
            return ExitCodes.Ok;
        });

        var revokeId = new Argument<string>("id") { Description = "Device id" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit trail)" };
        var revokeJson = CommandRunner.JsonOption();
        var revoke = new Command("revoke", "Disconnect a device at once and refuse its secret forever") { revokeId, reason, revokeJson };
        revoke.SetSignedInAction(context, async (parse, client, ct) =>
        {
            object body = parse.GetValue(reason) is { } r ? new { reason = r } : new { };
            var answer = await client.PostJsonAsync($"api/devices/{Segment(parse.GetValue(revokeId)!)}/revoke", body, ct);
            await context.WriteAsync(parse.GetValue(revokeJson) ? JsonOutput.Render(answer) : EnrollmentFormat.Revoked(answer));
            return ExitCodes.Ok;
        });
        yield return rotate;
        yield return revoke;
    }

    /// <summary>A command sent to several devices (ids, or every device of --zone), one request each, with progress.</summary>
    private static Command BulkCommand(CliContext context, string type, string description, bool withVolume)
    {
        var ids = new Argument<string[]>("ids") { Description = "Device ids", Arity = ArgumentArity.ZeroOrMore };
        var zone = new Option<string?>("--zone") { Description = "Every device of this zone (besides any ids given)" };
        var volume = new Option<int>("--volume") { Description = "Volume 0–100", Required = true };
        volume.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 100) r.AddError("--volume must be between 0 and 100"); });
        var json = CommandRunner.JsonOption();
        var command = new Command(type, description + ". " + ExitCodes.HelpText) { ids, zone, json };
        if (withVolume) command.Add(volume);
        command.Validators.Add(r =>
        {
            if (r.GetValue(ids) is not { Length: > 0 } && r.GetValue(zone) is null) r.AddError("name at least one device id, or --zone");
        });
        command.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var targets = await TargetsAsync(client, parse.GetValue(ids) ?? [], parse.GetValue(zone), ct);
            object body = withVolume ? new { type, volume = parse.GetValue(volume) } : new { type };
            var results = await SendAllAsync(context, client, type, targets, body, ct);
            await context.WriteAsync(parse.GetValue(json) ? JsonOutput.Render(results.Select(r => r.ToJson())) : CommandFormat.Results(type, results));
            return results.FirstOrDefault(r => r.ExitCode != ExitCodes.Ok)?.ExitCode ?? ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<string>> TargetsAsync(ControllerClient client, string[] ids, string? zone, CancellationToken ct)
    {
        var targets = new List<string>(ids);
        if (zone is not null)
        {
            var view = await client.GetJsonAsync("api/zones/" + Segment(zone), ct);
            var members = JsonFields.Strings(view, "devices");
            if (members.Count == 0 && ids.Length == 0) throw new CliException(ExitCodes.NotFound, $"zone '{zone}' has no devices");
            targets.AddRange(members);
        }
        return targets.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static async Task<List<CommandResult>> SendAllAsync(CliContext context, ControllerClient client, string type,
        IReadOnlyList<string> targets, object body, CancellationToken ct)
    {
        var progress = new Progress(context.Error, targets.Count, "devices");
        var results = new List<CommandResult>();
        foreach (var id in targets)
        {
            CommandResult result;
            try
            {
                var answer = await client.PostJsonAsync($"api/devices/{Segment(id)}/commands", body, ct);
                result = new CommandResult(id, JsonFields.Bool(answer, "online"), JsonFields.TextOrNull(answer, "commandId"), ExitCodes.Ok, null);
            }
            catch (CliException e) when (e.ExitCode != ExitCodes.Unreachable)
            {
                // One bad id does not stop the rest of a zone; an unreachable controller does.
                result = new CommandResult(id, null, null, e.ExitCode, e.Message);
            }
            results.Add(result);
            progress.Step(id, result.Outcome(type));
        }
        return results;
    }
}
