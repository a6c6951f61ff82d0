using System.CommandLine;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Commands;

/// <summary><c>zones list|show|create</c> (GET/POST /api/zones).</summary>
internal static class ZonesCommands
{
    public static Command Create(CliContext context)
    {
        var listJson = CommandRunner.JsonOption();
        var list = new Command("list", "List zones with their device counts") { listJson };
        list.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/zones", ct);
            await context.WriteAsync(parse.GetValue(listJson) ? JsonOutput.Render(answer) : ZoneFormat.List(answer));
            return ExitCodes.Ok;
        });

        var showId = new Argument<string>("id") { Description = "Zone id" };
        var showJson = CommandRunner.JsonOption();
        var show = new Command("show", "Show one zone and its devices") { showId, showJson };
        show.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.GetJsonAsync("api/zones/" + DevicesCommands.Segment(parse.GetValue(showId)!), ct);
            await context.WriteAsync(parse.GetValue(showJson) ? JsonOutput.Render(answer) : ZoneFormat.Show(answer));
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("id") { Description = "Zone id (lower case letters, digits, '-')" };
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"Khu chợ\"", Required = true };
        var createJson = CommandRunner.JsonOption();
        var create = new Command("create", "Create a zone") { id, name, createJson };
        create.SetSignedInAction(context, async (parse, client, ct) =>
        {
            var answer = await client.PostJsonAsync("api/zones", new { id = parse.GetValue(id), name = parse.GetValue(name) }, ct);
            await context.WriteAsync(parse.GetValue(createJson) ? JsonOutput.Render(answer) : $"Created zone {JsonFields.Text(answer, "id")} ({JsonFields.Text(answer, "name")}).\n");
            return ExitCodes.Ok;
        });
        return new Command("zones", "Zones: named groups of speakers") { list, show, create };
    }
}
