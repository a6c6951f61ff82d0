using System.Security.Claims;
using InfoRadio.Controller.Api;
using Microsoft.AspNetCore.Mvc;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// The RFC 9457 answers of authentication and authorization (401, 403, 429), the same whichever scheme signed the
/// caller in; each is counted (<see cref="ApiCounters.RejectedRequests"/>) and logged. Never a redirect: the API's
/// callers are scripts and the console's own code, which read the problem.
/// </summary>
public static partial class AuthProblems
{
    public static string Unauthenticated(bool mayUseQueryToken) => mayUseQueryToken
        ? $"this endpoint needs a signed-in user: sign in (POST {Api.SessionApi.Route}), or send 'Authorization: Bearer <token>' or '?{BearerTokenHandler.QueryTokenParameter}=<token>'"
        : $"this endpoint needs a signed-in user: sign in (POST {Api.SessionApi.Route}) or send 'Authorization: Bearer <token>'";

    public static string Forbidden(HttpContext http)
    {
        var user = http.User.Identity?.Name ?? "the caller";
        var roles = string.Join(", ", http.User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        return $"{user} (roles: {(roles.Length > 0 ? roles : "none")}) may not {http.Request.Method} {http.Request.Path}: this needs another role";
    }

    public static Task WriteUnauthorizedAsync(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", detail, "unauthenticated");
    }

    public static Task WriteForbiddenAsync(HttpContext http, string detail, string reason = "forbidden") =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden", detail, reason);

    public static Task WriteTooManyAsync(HttpContext http, TimeSpan retryAfter, string detail, string reason)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", detail, reason);
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string reason)
    {
        ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogDenied(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthProblems)), status, http.Request.Method, http.Request.Path, detail);
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Request denied ({Status}) {Method} {Path}: {Why}")]
    private static partial void LogDenied(ILogger logger, int status, string method, string path, string why);
}
