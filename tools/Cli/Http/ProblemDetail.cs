using System.Text.Json;

namespace InfoRadio.Cli.Http;

/// <summary>Reads what went wrong from an error answer: an RFC 9457 problem's detail (or title), else short plain text.</summary>
internal static class ProblemDetail
{
    private const int MaxPlainText = 300;

    public static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        return FromText(text, response.Content.Headers.ContentType?.MediaType);
    }

    internal static string? FromText(string text, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var root = JsonDocument.Parse(text).RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    var detail = Text(root, "detail") ?? Text(root, "title");
                    if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                        detail = string.Join("; ", new[] { detail }.Concat(errors.EnumerateObject()
                            .Select(e => $"{e.Name}: {string.Join(", ", e.Value.EnumerateArray().Select(v => v.ToString()))}")).OfType<string>());
                    if (detail is not null) return detail;
                }
            }
            catch (JsonException)
            {
            }
        }
        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)) return null;
        var plain = text.Trim();
        return plain.Length <= MaxPlainText ? plain : plain[..MaxPlainText] + "…";
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
