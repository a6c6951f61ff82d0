using InfoRadio.Controller.Speech;

namespace InfoRadio.Controller.Tests.Speech;

public sealed class SpeechChunker_Tests
{
    [Fact]
    public void Sentences_end_at_punctuation_followed_by_space_and_at_line_ends()
    {
        var sentences = SpeechChunker.Sentences("Câu một. Câu hai! Câu ba? Mười phẩy năm.\nDòng mới; tiếp").ToArray();
        Assert.Equal(["Câu một.", "Câu hai!", "Câu ba?", "Mười phẩy năm.", "Dòng mới;", "tiếp"], sentences);
    }

    [Fact]
    public void Short_sentences_are_joined_and_long_ones_cut_at_commas_then_spaces()
    {
        var text = "Một. Hai. Ba. " + string.Join(", ", Enumerable.Repeat("bà con chú ý", 30)) + ". " + new string('a', 250);
        var chunks = SpeechChunker.Split(text, 100);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 100));
        Assert.Equal("Một. Hai. Ba.", chunks[0][..13]);
        Assert.Contains(chunks, c => c.EndsWith("bà con chú ý,", StringComparison.Ordinal));
        // Nothing is lost but the spaces the cuts fell on.
        Assert.Equal(text.Replace(" ", ""), string.Concat(chunks).Replace(" ", ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("... !!! ,,,")]
    public void Text_without_words_has_no_chunks(string text) => Assert.Empty(SpeechChunker.Split(text, 400));
}
