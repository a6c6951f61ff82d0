using System.Globalization;
using System.Text.Json;

namespace InfoRadio.Cli.Output;

/// <summary>
/// Lenient reading of the controller's JSON for display: a missing or null member shows as "-", so the CLI keeps
/// working when the server adds or omits fields.
/// </summary>
public static class JsonFields
{
    public static string Text(JsonElement e, string name) => Get(e, name) is { } v ? Scalar(v) : "-";

    public static string? TextOrNull(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static bool? Bool(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;

    public static string YesNo(JsonElement e, string name) => Bool(e, name) switch { true => "yes", false => "no", null => "-" };

    public static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray().Select(Scalar).ToArray() : [];

    public static string Joined(JsonElement e, string name) => Strings(e, name) is { Count: > 0 } items ? string.Join(", ", items) : "-";

    /// <summary>A timestamp in the given zone as "yyyy-MM-dd HH:mm:ss +07:00", or the raw text when it does not parse.</summary>
    public static string Time(JsonElement e, string name, TimeZoneInfo zone)
    {
        var text = TextOrNull(e, name);
        if (text is null) return "-";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
            : text;
    }

    public static JsonElement? Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => v.GetRawText(),
    };

    /// <summary>Members of an array answer; anything else is an unexpected answer.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw new CliException(ExitCodes.Refused, "the controller's answer is not a list");
}
