using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Tests.Output;

public sealed class TextTable_Tests
{
    [Fact]
    public void Columns_align_by_display_width_with_Vietnamese_text_composed_or_not()
    {
        var text = new TextTable("ID", "NAME", "ZONES")
            .Add("loa-01", "Loa cho\u031B\u0323 \u0110o\u0302ng Ha\u0300", "cho")
            .Add("loa-2", "Trường", "truong, all")
            .Render();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        // The third column starts at the same terminal column on every line.
        var starts = lines.Select(l => DisplayWidth.Of(l[..l.LastIndexOf("  ", StringComparison.Ordinal)]) + 2).ToArray();
        Assert.All(starts, s => Assert.Equal(starts[0], s));
        Assert.Equal("ID      NAME             ZONES", lines[0]);
        Assert.Equal("loa-2   Trường           truong, all", lines[2]);
        Assert.All(lines, l => Assert.False(l.EndsWith(' ')));
    }

    [Fact]
    public void Line_breaks_in_cells_do_not_break_rows_and_long_cells_are_cut()
    {
        var text = new TextTable("A", "B").Add("x\ny", new string('a', 100)).Render();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("x y  ", lines[1]);
        Assert.Equal(TextTable.MaxCellWidth, DisplayWidth.Of(lines[1][5..]));
    }

    [Fact]
    public void The_last_column_may_be_left_whole() =>
        Assert.Equal("A  B\nx  " + new string('b', 100) + "\n", new TextTable("A", "B") { WholeLastColumn = true }.Add("x", new string('b', 100)).Render());

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_a_bug() =>
        Assert.Throws<ArgumentException>(() => new TextTable("A", "B").Add("only one"));
}
