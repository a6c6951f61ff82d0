using System.Text;

namespace InfoRadio.Cli.Output;

/// <summary>
/// A plain-text table with a header row and columns aligned by display width (see <see cref="DisplayWidth"/>), two
/// spaces apart, no trailing spaces. Long cells are cut to <see cref="MaxCellWidth"/> so one long name cannot push
/// every other column off a phone's screen.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    public const int MaxCellWidth = 40;

    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    /// <summary>
    /// Leave the last column whole: it pushes nothing to its right, and some texts (an import's error messages) are
    /// useless cut.
    /// </summary>
    public bool WholeLastColumn { get; init; }

    public TextTable Add(params string?[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"{headers.Length} cells expected, got {cells.Length}", nameof(cells));
        _rows.Add(cells.Select((c, i) => WholeLastColumn && i == cells.Length - 1 ? Clean(c ?? "") : DisplayWidth.Truncate(Clean(c ?? ""), MaxCellWidth)).ToArray());
        return this;
    }

    public string Render()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => DisplayWidth.Of(r[i])).Append(DisplayWidth.Of(h)).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
                line.Append(i == row.Length - 1 ? row[i] : DisplayWidth.PadRight(row[i], widths[i]) + "  ");
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A cell is one line: line breaks and tabs from user data would break the columns.</summary>
    private static string Clean(string cell) =>
        cell.IndexOfAny(['\n', '\r', '\t']) < 0 ? cell : cell.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
}
