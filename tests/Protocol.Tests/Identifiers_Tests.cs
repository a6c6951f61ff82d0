namespace InfoRadio.Protocol.Tests;

public class Identifiers_Tests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("loa-thon-1")]
    [InlineData("xa_hoa_binh")]
    [InlineData("a-")]
    [InlineData("0-_-0")]
    [InlineData("all")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64
    public void Accepts(string id)
    {
        Assert.Null(Identifiers.Check(id));
        Assert.True(Identifiers.IsValid(id));
    }

    [Theory]
    [InlineData(null, "id is empty")]
    [InlineData("", "id is empty")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "id is longer than 64 characters")]
    [InlineData("A", "id must start with a lower-case letter or a digit")]
    [InlineData("-a", "id must start with a lower-case letter or a digit")]
    [InlineData("_a", "id must start with a lower-case letter or a digit")]
    [InlineData(" a", "id must start with a lower-case letter or a digit")]
    [InlineData("+", "id must start with a lower-case letter or a digit")]
    [InlineData("#", "id must start with a lower-case letter or a digit")]
    [InlineData("$SYS", "id must start with a lower-case letter or a digit")]
    [InlineData("đ", "id must start with a lower-case letter or a digit")]
    [InlineData("aB", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a/b", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a+", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a#", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a b", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a.b", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a\0", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("thôn", "id may contain only a-z, 0-9, '-' and '_'")]
    [InlineData("a\u0131", "id may contain only a-z, 0-9, '-' and '_'")] // dotless i: not ASCII
    public void Rejects_with_a_reason(string? id, string reason)
    {
        Assert.Equal(reason, Identifiers.Check(id));
        Assert.False(Identifiers.IsValid(id));
    }

    [Fact]
    public void The_reason_names_the_field() =>
        Assert.Equal("device id is empty", Identifiers.Check("", "device id"));

    [Fact]
    public void Every_ASCII_character_is_classified_as_the_document_says()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var allowedFirst = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            var allowedLater = allowedFirst || c is '-' or '_';
            Assert.Equal(allowedFirst, Identifiers.IsValid(c.ToString()));
            Assert.Equal(allowedLater, Identifiers.IsValid("a" + c));
        }
    }
}
