using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>
/// Enums travel as kebab-case strings, and only the exact names are accepted. The framework's string-enum converter
/// is not used because it also accepts the C# member name in any casing and comma-separated lists
/// ("play-started,underrun" read as a bitwise OR), which a C firmware could never mirror.
/// </summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .ToDictionary(value => value, value => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()));

    private static readonly Dictionary<string, TEnum> Values =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"{typeof(TEnum).Name} must be a string, not {reader.TokenType}");
        var name = reader.GetString()!;
        return Values.TryGetValue(name, out var value)
            ? value
            : throw new JsonException($"unknown {typeof(TEnum).Name} '{name}'");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (!Names.TryGetValue(value, out var name))
            throw new JsonException($"{typeof(TEnum).Name} has no value {value}");
        writer.WriteStringValue(name);
    }
}
