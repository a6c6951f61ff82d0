using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Strict JSON encoding of v1 messages: a size limit, UTF-8 only, required fields, no duplicates, no numbers for
/// enums, then the message's own rules. Unknown fields are ignored so that later minor versions can add some.
/// </summary>
public static class MessageCodec
{
    public static byte[] Encode<T>(T message) where T : IValidatable =>
        JsonSerializer.SerializeToUtf8Bytes(message, Info<T>());

    public static ParseResult<T> Parse<T>(ReadOnlySpan<byte> utf8) where T : class, IValidatable
    {
        if (utf8.Length == 0) return ParseResult<T>.Fail("empty payload");
        if (utf8.Length > ProtocolVersion.MaxJsonBytes)
            return ParseResult<T>.Fail($"payload of {utf8.Length} bytes exceeds {ProtocolVersion.MaxJsonBytes}");
        // The reader only checks the UTF-8 of strings it decodes, so bytes in ignored fields would slip through.
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) return ParseResult<T>.Fail("payload is not valid UTF-8");
        T? message;
        try
        {
            message = JsonSerializer.Deserialize(utf8, Info<T>());
        }
        catch (JsonException ex)
        {
            return ParseResult<T>.Fail($"malformed JSON: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The source-generated reader reports some invalid UTF-8 and value errors this way.
            return ParseResult<T>.Fail($"malformed JSON: {ex.Message}");
        }
        if (message is null) return ParseResult<T>.Fail("payload is JSON null");
        return message.Validate() is { } reason ? ParseResult<T>.Fail(reason) : ParseResult<T>.Ok(message);
    }

    private static JsonTypeInfo<T> Info<T>() =>
        ProtocolJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a protocol message");
}
