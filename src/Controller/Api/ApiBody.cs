using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>
/// Strict reading of JSON request bodies: unknown members, wrong types and malformed JSON are refused with a 400
/// that names the problem, counted and logged, instead of being ignored or surfacing as a bare framework error.
/// </summary>
public static class ApiBody
{
    public const long MaxJsonBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer with (already counted and logged).</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, ILogger log, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, ApiProblems.Rejected(log, ApiProblems.Unsupported("send the body as application/json"), "not json"));
        if (request.ContentLength > MaxJsonBytes)
            return (null, ApiProblems.Rejected(log, ApiProblems.TooLarge($"JSON bodies are limited to {MaxJsonBytes} bytes"), "json too large"));
        try
        {
            var body = await request.ReadFromJsonAsync<T>(Options, ct);
            return body is null
                ? (null, ApiProblems.Rejected(log, ApiProblems.BadRequest("the body is empty: send a JSON object"), "empty body"))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Rejected(log, ApiProblems.BadRequest($"the body is not valid here: {e.Message}"), "bad json"));
        }
    }

    /// <summary>A 400 for a request that cannot be carried out as asked, counted and logged.</summary>
    public static IResult Invalid(ILogger log, string detail) => ApiProblems.Rejected(log, ApiProblems.BadRequest(detail), "invalid request");

    /// <summary>Parses a token such as "tts-bulletin"; a missing token takes <paramref name="fallback"/> when given.</summary>
    public static T Token<T>(string? text, string field, T? fallback = null) where T : struct, Enum
    {
        if (text is null) return fallback ?? throw new SchedulingException($"'{field}' is missing: one of {IcsNames.Tokens<T>()}");
        return IcsNames.TryParse<T>(text, out var value) ? value : throw new SchedulingException($"'{field}' must be one of {IcsNames.Tokens<T>()}, not '{text}'");
    }

    public static string Token<T>(T value) where T : struct, Enum => IcsNames.Token(value);

    /// <summary>A Vietnam wall-clock date and time without offset: "2025-06-01T06:30" or with seconds.</summary>
    public static DateTime LocalDateTime(string? text, string field)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        throw new SchedulingException($"'{field}' must be a Vietnam local time like 2025-06-01T06:30 (no offset), not '{text}'");
    }

    public static DateOnly Date(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new SchedulingException($"'{field}' must be a date like 2025-06-01, not '{text}'");

    public static TimeOnly Time(string? text, string field) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new SchedulingException($"'{field}' must be a time of day like 06:30, not '{text}'");

    /// <summary>Vietnam wall-clock text of an instant, as the API writes it.</summary>
    public static string Local(DateTimeOffset instant) =>
        BroadcastTimeZone.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
