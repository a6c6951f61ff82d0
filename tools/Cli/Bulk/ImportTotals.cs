using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Bulk;

/// <summary>Sums the answers of a chunked device import ({created, updated, errors:[{line, message}]}), errors by file line.</summary>
public sealed partial class ImportTotals
{
    public sealed record LineError(int Line, string Message);

    private readonly List<LineError> _errors = [];

    public int Created { get; private set; }
    public int Updated { get; private set; }
    public IReadOnlyList<LineError> Errors => _errors;

    /// <summary>Adds one chunk's answer; returns that chunk's own counts.</summary>
    public (int Created, int Updated, int Errors) Add(CsvChunk chunk, JsonElement answer)
    {
        var created = Int(answer, "created");
        var updated = Int(answer, "updated");
        var errors = 0;
        if (JsonFields.Get(answer, "errors") is { ValueKind: JsonValueKind.Array } list)
            foreach (var e in list.EnumerateArray())
            {
                var line = JsonFields.Get(e, "line") is { ValueKind: JsonValueKind.Number } l && l.TryGetInt32(out var n) ? n : 0;
                // The controller numbers lines within the chunk it got; the technician needs the file's line, also
                // where a message names another line ("serial 'x' already appears on line 3").
                var error = new LineError(chunk.FileLineOf(line) ?? line, LineReference().Replace(JsonFields.Text(e, "message"),
                    m => m.Groups[1].Value + (chunk.FileLineOf(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) ?? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))));
                errors++;
                // A refused header comes back from every chunk: report it once.
                if (!_errors.Contains(error)) _errors.Add(error);
            }
        Created += created;
        Updated += updated;
        return (created, updated, errors);
    }

    /// <summary>An error the CLI found itself before sending (see <see cref="RepeatedSerials"/>).</summary>
    public void AddLocal(LineError error) => _errors.Add(error);

    public string Render()
    {
        var text = $"Imported: {Created} created, {Updated} updated, {_errors.Count} error(s).\n";
        if (_errors.Count == 0) return text;
        var table = new TextTable("LINE", "ERROR") { WholeLastColumn = true };
        foreach (var e in Sorted()) table.Add(e.Line.ToString(CultureInfo.InvariantCulture), e.Message);
        return text + table.Render();
    }

    public object ToJson() => new { created = Created, updated = Updated, errors = Sorted().Select(e => new { line = e.Line, message = e.Message }) };

    private IEnumerable<LineError> Sorted() => _errors.OrderBy(e => e.Line);

    [GeneratedRegex(@"(\bline )(\d{1,9})\b")]
    private static partial Regex LineReference();

    private static int Int(JsonElement e, string name) =>
        JsonFields.Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n : 0;
}
