using InfoRadio.Cli.Output;

namespace InfoRadio.Cli.Tests.Output;

public sealed class DisplayWidth_Tests
{
    [Theory]
    [InlineData("loa-01", 6)]
    [InlineData("Loa chợ Đông Hà", 15)]
    [InlineData("Nguyễn Thị Hương", 16)]
    [InlineData("Xã An Bình", 10)]
    [InlineData("喇叭", 4)]
    [InlineData("", 0)]
    public void Counts_terminal_columns_not_chars(string text, int columns) => Assert.Equal(columns, DisplayWidth.Of(text));

    // Spelled out: the CLI runs with invariant globalization, where string.Normalize does not decompose.
    private const string Composed = "Thị trấn Phước Hải";
    private const string Decomposed = "Thi\u0323 tra\u0302\u0301n Phu\u031Bo\u031B\u0301c Ha\u0309i";

    [Fact]
    public void Decomposed_Vietnamese_takes_as_many_columns_as_precomposed()
    {
        Assert.Equal(Composed.Length + 7, Decomposed.Length); // seven combining marks are chars of their own
        Assert.Equal(18, DisplayWidth.Of(Composed));
        Assert.Equal(18, DisplayWidth.Of(Decomposed));
    }

    [Fact]
    public void Truncate_cuts_on_grapheme_boundaries_and_marks_the_cut()
    {
        var cut = DisplayWidth.Truncate(Decomposed, 10);
        Assert.Equal(10, DisplayWidth.Of(cut));
        Assert.Equal("Thi\u0323 tra\u0302\u0301n …", cut); // the marks stay on their letters
        Assert.Equal("ab", DisplayWidth.Truncate("ab", 2));
    }
}
