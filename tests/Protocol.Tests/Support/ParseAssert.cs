using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Tests.Support;

public static class ParseAssert
{
    public static T Ok<T>(ParseResult<T> result) where T : class
    {
        Assert.True(result.IsOk, $"expected success, got: {result.Error}");
        Assert.NotNull(result.Value);
        return result.Value;
    }

    /// <summary>Asserts a rejection whose reason contains every fragment, and returns the reason.</summary>
    public static string Rejected<T>(ParseResult<T> result, params string[] fragments) where T : class
    {
        Assert.False(result.IsOk, $"expected a rejection, got: {result.Value}");
        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        foreach (var fragment in fragments) Assert.Contains(fragment, result.Error, StringComparison.Ordinal);
        return result.Error;
    }
}
