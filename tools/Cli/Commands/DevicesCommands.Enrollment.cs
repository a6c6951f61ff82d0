using System.CommandLine;
using System.Text.Json;
using InfoRadio.Cli.Bulk;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

internal static partial class DevicesCommands
{
    public const int DefaultImportChunk = 100;

    private static IEnumerable<Command> EnrollmentCommands(CliContext context)
    {
        var serial = new Argument<string>("serial") { Description = "The agent's serial number, as `devices pending` lists it" };
        var id = new Option<string?>("--id") { Description = "Device id to give it (default: derived from the serial)" };
        var name = new Option<string?>("--name") { Description = "Display name, e.g. \"Loa chợ Đông\"" };
        var village = new Option<string?>("--village") { Description = "Official code of its village (default: the pre-registered one)" };
        var zones = new Option<string[]>("--zone", "--zones")
        {
            Description = "Zones it belongs to: repeat the option or separate them with ',' or ';' (default: the pre-registered ones)",
            AllowMultipleArgumentsPerToken = false,
        };
        var approveJson = CommandRunner.JsonOption();
        var approve = new Command("approve", "Approve a pending agent: it becomes a device and gets its own credentials") { serial, id, name, village, zones, approveJson };
        approve.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var body = new Dictionary<string, object>();
            if (parse.GetValue(id) is { } i) body["id"] = i;
            if (parse.GetValue(name) is { } n) body["name"] = n;
            if (parse.GetValue(village) is { } v) body["village"] = v;
            var zoneList = (parse.GetValue(zones) ?? []).SelectMany(z => z.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Distinct(StringComparer.Ordinal).ToArray();
            if (zoneList.Length > 0) body["zones"] = zoneList;
            var answer = await client.PostJsonAsync($"api/enrollments/{Segment(parse.GetValue(serial)!)}/approve", body, ct);
            await context.WriteAsync(parse.GetValue(approveJson) ? JsonOutput.Render(answer) : EnrollmentFormat.Approved(answer));
            return ExitCodes.Ok;
        });

        var rejectSerial = new Argument<string>("serial") { Description = "The agent's serial number" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit trail)" };
        var rejectJson = CommandRunner.JsonOption();
        var reject = new Command("reject", "Reject a pending agent") { rejectSerial, reason, rejectJson };
        reject.SetSignedInAction(context, async (parse, client, ct) =>
        {
            object body = parse.GetValue(reason) is { } r ? new { reason = r } : new { };
            var answer = await client.PostJsonAsync($"api/enrollments/{Segment(parse.GetValue(rejectSerial)!)}/reject", body, ct);
            await context.WriteAsync(parse.GetValue(rejectJson) ? JsonOutput.Render(answer) : EnrollmentFormat.Rejected(answer));
            return ExitCodes.Ok;
        });

        var file = new Argument<string>("file") { Description = "CSV with the header serial,name,village,latitude,longitude,zones (zones separated by ';'); - reads stdin" };
        var chunk = new Option<int>("--chunk") { Description = "Records sent per request", DefaultValueFactory = _ => DefaultImportChunk };
        chunk.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--chunk must be at least 1"); });
        var importJson = CommandRunner.JsonOption();
        var import = new Command("import", "Pre-register devices from CSV, in chunks, with progress on stderr") { file, chunk, importJson };
        import.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var text = await ReadInputAsync(context, parse.GetValue(file)!, ct);
            var (_, split) = CsvChunks.Split(text, parse.GetValue(chunk));
            var (chunks, repeated) = RepeatedSerials.Remove(split);
            var totals = new ImportTotals();
            foreach (var error in repeated) totals.AddLocal(error);
            var progress = new Progress(context.Error, chunks.Sum(c => c.Records.Count), "records");
            foreach (var part in chunks)
            {
                JsonElement answer;
                try
                {
                    answer = await client.PostTextAsync("api/devices/import", part.Body, "text/csv", ct);
                }
                catch (CliException e) when (e.ExitCode != ExitCodes.Unreachable && progress.Done > 0)
                {
                    // Earlier chunks are in: say exactly where to resume.
                    throw new CliException(e.ExitCode, $"{e.Message} (lines {part.FirstLine}–{part.LastLine}; lines before {part.FirstLine} were imported)", e);
                }
                var (created, updated, errors) = totals.Add(part, answer);
                progress.Advance(part.Records.Count, $"lines {part.FirstLine}–{part.LastLine}", $"{created} created, {updated} updated, {errors} error(s)");
            }
            await context.WriteAsync(parse.GetValue(importJson) ? JsonOutput.Render(totals.ToJson()) : totals.Render());
            return totals.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return [approve, reject, import];
    }

    /// <summary>The text of a file argument; "-" reads stdin.</summary>
    internal static async Task<string> ReadInputAsync(CliContext context, string path, CancellationToken ct)
    {
        if (path == "-") return await context.In.ReadToEndAsync(ct);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new CliException(ExitCodes.Usage, $"no such file: {full}");
        return await File.ReadAllTextAsync(full, ct);
    }
}
