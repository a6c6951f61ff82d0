namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Rules for requests signed in by the session cookie, which a browser attaches by itself: an unsafe method
/// (POST, PUT, PATCH, DELETE) must carry <c>X-Requested-With: InfoRadio</c>, which another site's form or image
/// cannot send; a WebSocket upgrade, which no such header can accompany, must come with an <c>Origin</c> whose host is
/// this server's. Both answer 403 problems. Bearer requests are not affected (a token is never sent by itself).
/// Runs after authentication.
/// </summary>
public static class SessionGuard
{
    public const string CsrfHeader = "X-Requested-With";
    public const string CsrfHeaderValue = "InfoRadio";

    public static IApplicationBuilder UseSessionGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.IsCookieSession() && Refusal(http) is var (why, reason))
        {
            await AuthProblems.WriteForbiddenAsync(http, why, reason);
            return;
        }
        await next(http);
    });

    /// <summary>Why the cookie-authenticated request is refused, or null when it may go on.</summary>
    public static (string Why, string Reason)? Refusal(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            var origin = http.Request.Headers.Origin.ToString();
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) ||
                !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
                return ($"a WebSocket signed in by the session cookie must come from this site: Origin '{origin}' is not {http.Request.Host}", "websocket-origin");
            return null;
        }
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
            return null;
        if (!string.Equals(http.Request.Headers[CsrfHeader].ToString(), CsrfHeaderValue, StringComparison.Ordinal))
            return ($"a request signed in by the session cookie that changes something must carry the header '{CsrfHeader}: {CsrfHeaderValue}'", "csrf");
        return null;
    }
}
