using System.Text;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Tests.Support;

public static class Json
{
    public static ParseResult<T> Parse<T>(string json) where T : class, IValidatable =>
        MessageCodec.Parse<T>(Encoding.UTF8.GetBytes(json));

    public static string Encode<T>(T message) where T : IValidatable => Encoding.UTF8.GetString(MessageCodec.Encode(message));

    /// <summary>Encodes, parses back and returns the parsed copy, asserting it was accepted.</summary>
    public static T RoundTrip<T>(T message) where T : class, IValidatable => ParseAssert.Ok(MessageCodec.Parse<T>(MessageCodec.Encode(message)));
}
