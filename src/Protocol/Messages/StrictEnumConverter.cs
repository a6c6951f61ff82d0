using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRadio.Protocol.Messages;

/// <summary>Enums travel as kebab-case strings; numbers and unknown names are rejected.</summary>
public sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
