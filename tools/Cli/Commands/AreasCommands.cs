using System.CommandLine;
using System.Text.Json;
using InfoRadio.Cli.Bulk;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

/// <summary><c>areas list|show|import</c>: the administrative tree province → district → commune → village.</summary>
internal static class AreasCommands
{
    public const int DefaultImportChunk = 500;

    public static Command Create(CliContext context)
    {
        var listJson = CommandRunner.JsonOption();
        var flat = new Option<bool>("--flat") { Description = "One row per area without nesting (JSON: a flat array)" };
        var list = new Command("list", "Show the administrative tree") { flat, listJson };
        list.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync(parse.GetValue(flat) ? "api/areas?flat=true" : "api/areas", ct);
            await context.WriteAsync(parse.GetValue(listJson) ? JsonOutput.Render(answer) : AreaFormat.Tree(answer));
            return ExitCodes.Ok;
        });

        var code = new Argument<string>("code") { Description = "Official code" };
        var showJson = CommandRunner.JsonOption();
        var show = new Command("show", "Show one area and what lies under it") { code, showJson };
        show.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/areas/" + DevicesCommands.Segment(parse.GetValue(code)!), ct);
            await context.WriteAsync(parse.GetValue(showJson) ? JsonOutput.Render(answer) : AreaFormat.Show(answer));
            return ExitCodes.Ok;
        });

        var file = new Argument<string>("file") { Description = "CSV with the header code,name,level,parent (parents before children), or JSON {\"areas\":[…]}; - reads stdin" };
        var chunk = new Option<int>("--chunk") { Description = "CSV records sent per request", DefaultValueFactory = _ => DefaultImportChunk };
        chunk.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--chunk must be at least 1"); });
        var importJson = CommandRunner.JsonOption();
        var import = new Command("import", "Import areas (each chunk all or nothing), with progress on stderr") { file, chunk, importJson };
        import.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var text = await DevicesCommands.ReadInputAsync(context, parse.GetValue(file)!, ct);
            int imported = 0, added = 0;
            if (text.TrimStart('\uFEFF').TrimStart().StartsWith('{'))
            {
                var answer = await client.PostTextAsync("api/areas", text, "application/json", ct);
                (imported, added) = (Int(answer, "imported"), Int(answer, "added"));
            }
            else
            {
                var (_, chunks) = CsvChunks.Split(text, parse.GetValue(chunk));
                var progress = new Progress(context.Error, chunks.Sum(c => c.Records.Count), "records");
                foreach (var part in chunks)
                {
                    JsonElement answer;
                    try
                    {
                        answer = await client.PostTextAsync("api/areas", part.Body, "text/csv", ct);
                    }
                    catch (CliException e) when (e.ExitCode != ExitCodes.Unreachable)
                    {
                        // The controller numbers lines within the chunk; the technician needs the file's lines.
                        throw new CliException(e.ExitCode, $"{e.Message} (file lines {part.FirstLine}–{part.LastLine} not imported" +
                            (progress.Done > 0 ? $"; lines before {part.FirstLine} were" : "") + ")", e);
                    }
                    imported += Int(answer, "imported");
                    added += Int(answer, "added");
                    progress.Advance(part.Records.Count, $"lines {part.FirstLine}–{part.LastLine}", $"{Int(answer, "added")} new");
                }
            }
            await context.WriteAsync(parse.GetValue(importJson)
                ? JsonOutput.Render(new { imported, added })
                : $"Imported {imported} area(s): {added} new, {imported - added} updated.\n");
            return ExitCodes.Ok;
        });
        return new Command("areas", "The administrative tree (official codes)") { list, show, import };
    }

    private static int Int(JsonElement e, string name) =>
        JsonFields.Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n : 0;
}
