using System.Diagnostics.CodeAnalysis;

namespace InfoRadio.Protocol.Messages;

/// <summary>Either a valid value or the reason the input was rejected; parsers never throw on bad input.</summary>
public readonly record struct ParseResult<T>(T? Value, string? Error) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);
    public static ParseResult<T> Fail(string error) => new(null, error);
}
