using System.CommandLine;
using InfoRadio.Cli.Bulk;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

/// <summary>
/// <c>devices …</c>: reading the registry (list, show, pending, enrollments, export), enrollment (approve, reject, import),
/// per-device actions (set-volume, test-tone, reboot, rotate-secret, revoke). Split over partial files by kind.
/// </summary>
internal static partial class DevicesCommands
{
    public static Command Create(CliContext context)
    {
        var devices = new Command("devices", "Speakers: list, inspect, enroll, command, secure");
        foreach (var command in ReadCommands(context).Concat(EnrollmentCommands(context)).Concat(ActionCommands(context)))
            devices.Add(command);
        return devices;
    }

    private static IEnumerable<Command> ReadCommands(CliContext context)
    {
        var listJson = CommandRunner.JsonOption();
        var list = new Command("list", "List every device") { listJson };
        list.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/devices", ct);
            await context.WriteAsync(parse.GetValue(listJson) ? JsonOutput.Render(answer) : DeviceFormat.List(answer, context.TimeZone));
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("id") { Description = "Device id" };
        var showJson = CommandRunner.JsonOption();
        var show = new Command("show", "Show one device") { id, showJson };
        show.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/devices/" + Segment(parse.GetValue(id)!), ct);
            await context.WriteAsync(parse.GetValue(showJson) ? JsonOutput.Render(answer) : DeviceFormat.Show(answer, context.TimeZone));
            return ExitCodes.Ok;
        });

        var pendingJson = CommandRunner.JsonOption();
        var pending = new Command("pending", "List agents waiting for approval (enrollments in state pending)") { pendingJson };
        pending.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/enrollments?state=pending", ct);
            await context.WriteAsync(parse.GetValue(pendingJson) ? JsonOutput.Render(answer) : EnrollmentFormat.List(answer, context.TimeZone));
            return ExitCodes.Ok;
        });

        var state = new Option<string?>("--state") { Description = "Only this state: pending, approved, rejected or preregistered (default: all)" };
        state.AcceptOnlyFromAmong("pending", "approved", "rejected", "preregistered");
        var enrollmentsJson = CommandRunner.JsonOption();
        var enrollments = new Command("enrollments", "List enrollments: agents that asked to join and serials pre-registered by import") { state, enrollmentsJson };
        enrollments.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/enrollments" + (parse.GetValue(state) is { } s ? "?state=" + s : ""), ct);
            await context.WriteAsync(parse.GetValue(enrollmentsJson) ? JsonOutput.Render(answer) : EnrollmentFormat.List(answer, context.TimeZone));
            return ExitCodes.Ok;
        });

        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the CSV to this file instead of stdout" };
        var export = new Command("export", "Export every device as CSV (serial,name,village,latitude,longitude,zones,id,online,firmware,lastSeen)") { output };
        export.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var csv = await client.GetTextAsync("api/devices/export", ct);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, csv, ct);
                // Records, not text lines: a quoted name may hold a line break.
                await context.Error.WriteLineAsync($"Exported {Math.Max(0, CsvChunks.Records(csv).Count - 1)} row(s) to {file.FullName}.");
            }
            else await context.WriteAsync(csv);
            return ExitCodes.Ok;
        });
        return [list, show, pending, enrollments, export];
    }

    /// <summary>A user-typed id as one URL path segment (a slash or '?' must not change the path).</summary>
    internal static string Segment(string value) => Uri.EscapeDataString(value);
}
