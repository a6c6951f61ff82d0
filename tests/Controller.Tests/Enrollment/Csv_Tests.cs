using InfoRadio.Controller.Enrollment;

namespace InfoRadio.Controller.Tests.Enrollment;

public sealed class Csv_Tests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_lines_are_numbered()
    {
        var records = Csv.Read("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\r\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["last", "", ""], records[2].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void A_malformed_line_is_reported_and_the_next_ones_are_still_read()
    {
        var records = Csv.Read("ok,1\nbad\"quote,2\n\"closed\"extra,3\nfine,4\n\"never closed,5\n");
        Assert.Null(records[0].Error);
        Assert.Contains("quote inside an unquoted field", records[1].Error);
        Assert.Contains("after a closing quote", records[2].Error);
        Assert.Equal(["fine", "4"], records[3].Fields);
        Assert.Null(records[3].Error);
        Assert.Contains("not closed", records[4].Error);
        Assert.Equal(5, records[4].Line);
    }

    [Fact]
    public void Without_a_final_line_break_and_with_a_bare_CR_it_still_reads()
    {
        Assert.Equal(["a", "b"], Assert.Single(Csv.Read("a,b")).Fields);
        var records = Csv.Read("a\rb\r");
        Assert.Equal(2, records.Count);
        Assert.Empty(Csv.Read(""));
        Assert.Equal([""], Assert.Single(Csv.Read("\"\"\n")).Fields);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData(null, "")]
    public void Writing_quotes_only_what_needs_it_and_reads_back(string? value, string written)
    {
        Assert.Equal(written, Csv.Field(value));
        Assert.Equal(value ?? "", Assert.Single(Csv.Read(Csv.Line([value, "z"]) + "\n")).Fields[0]);
    }
}
