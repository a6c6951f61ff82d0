using System.Text;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/areas: the administrative tree province → district → commune → village by official code. GET answers the
/// tree; POST imports areas (JSON <c>{"areas":[…]}</c> or CSV with the header <c>code,name,level,parent</c>), all or nothing.
/// </summary>
public static class AreasApi
{
    public sealed record AreaBody(string? Code, string? Name, string? Level, string? Parent);

    public sealed record AreasBody(AreaBody[]? Areas);

    public sealed record AreaNode(string Code, string Name, string Level, string? Parent, IReadOnlyList<AreaNode> Children);

    public sealed record ImportView(int Imported, int Added);

    public const int MaxCsvBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/areas").WithTags("Targets").RequireAuthorization(AccountPolicies.Read);
        // A limited user sees the subtrees of their own areas, each as a root: the tree above them is not theirs to target.
        group.MapGet("/", (HttpContext http, TargetDirectory directory, bool? flat) =>
        {
            var areas = Visible(http, directory);
            return flat == true ? Results.Ok(areas.Select(a => Node(a, []))) : Results.Ok(Tree(areas));
        });
        group.MapGet("/{code}", (string code, HttpContext http, TargetDirectory directory) =>
            directory.FindArea(code) is { } a && http.Scope().Covers(a.Code)
                ? Results.Ok(Tree(Visible(http, directory)).SelectMany(Flatten).First(n => n.Code == a.Code))
                : ApiProblems.NotFound($"no area with code '{code}'"));
        // The tree is shared by every commune of the installation: only an unlimited technician or admin imports it.
        group.MapPost("/", ImportAsync).RequireAuthorization(AccountPolicies.Install).RequireUnlimitedScope("the administrative tree of the whole installation");
        return app;
    }

    private static IReadOnlyList<AdministrativeArea> Visible(HttpContext http, TargetDirectory directory) =>
        http.Scope().IsUnlimited ? directory.Areas() : directory.Areas().Where(a => http.Scope().Covers(a.Code)).ToArray();

    private static async Task<IResult> ImportAsync(HttpContext http, TargetDirectory directory)
    {
        var log = http.Log(typeof(AreasApi));
        if (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (http.Request.ContentLength > MaxCsvBytes) return ApiProblems.Rejected(log, ApiProblems.TooLarge($"CSV imports are limited to {MaxCsvBytes} bytes"), "csv too large");
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(http.RequestAborted);
            return ApiGuard.Run(log, () => Import(directory, ParseCsv(text)));
        }
        return await ApiGuard.WithBodyAsync<AreasBody>(http.Request, log, body => Import(directory, body.Areas ?? throw new SchedulingException("'areas' is missing")));
    }

    private static IResult Import(TargetDirectory directory, IReadOnlyList<AreaBody> areas)
    {
        var parsed = areas.Select((a, i) => new AdministrativeArea(
            a.Code ?? throw new SchedulingException($"areas[{i}]: 'code' is missing"),
            a.Name ?? throw new SchedulingException($"areas[{i}]: 'name' is missing"),
            AreaTreeRules.TryParseLevel(a.Level, out var level) ? level : throw new SchedulingException($"areas[{i}]: 'level' must be province, district, commune or village"),
            string.IsNullOrWhiteSpace(a.Parent) ? null : a.Parent.Trim())).ToArray();
        var added = directory.ImportAreas(parsed);
        return Results.Ok(new ImportView(parsed.Length, added));
    }

    /// <summary>CSV with a header line code,name,level,parent; names may be quoted (with "" for a quote) to hold commas.</summary>
    internal static IReadOnlyList<AreaBody> ParseCsv(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new SchedulingException("the CSV is empty");
        if (!string.Equals(lines[0].Replace(" ", ""), "code,name,level,parent", StringComparison.OrdinalIgnoreCase))
            throw new SchedulingException("the CSV's first line must be the header code,name,level,parent");
        return lines.Skip(1).Select((line, i) =>
        {
            var cells = SplitCsvLine(line, i + 2);
            if (cells.Count != 4) throw new SchedulingException($"CSV line {i + 2}: 4 cells expected (code,name,level,parent), found {cells.Count}");
            return new AreaBody(cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim());
        }).ToArray();
    }

    private static List<string> SplitCsvLine(string line, int number)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        if (quoted) throw new SchedulingException($"CSV line {number}: a quote is not closed");
        cells.Add(cell.ToString());
        return cells;
    }

    private static IReadOnlyList<AreaNode> Tree(IReadOnlyList<AdministrativeArea> areas)
    {
        var children = areas.Where(a => a.ParentCode is not null).ToLookup(a => a.ParentCode!, StringComparer.Ordinal);
        var codes = areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        AreaNode Build(AdministrativeArea a, int depth) =>
            Node(a, depth > 8 ? [] : children[a.Code].Select(c => Build(c, depth + 1)).ToArray());
        return areas.Where(a => a.ParentCode is null || !codes.Contains(a.ParentCode)).Select(a => Build(a, 0)).ToArray();
    }

    private static AreaNode Node(AdministrativeArea a, IReadOnlyList<AreaNode> children) =>
        new(a.Code, a.Name, AreaTreeRules.Name(a.Level), a.ParentCode, children);

    private static IEnumerable<AreaNode> Flatten(AreaNode n) => n.Children.SelectMany(Flatten).Prepend(n);
}
