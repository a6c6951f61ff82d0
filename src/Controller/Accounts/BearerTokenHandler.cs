using System.Text.Encodings.Web;
using InfoRadio.Controller.Api;
using InfoRadio.Controller.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="AccountStore"/>, and answers a
/// missing or unknown token (401) and a missing role (403) with RFC 9457 problems, counted and logged.
/// A browser cannot set headers on a WebSocket, so a WebSocket upgrade to one of <see cref="QueryTokenRoutes"/> may
/// carry the token as <c>?access_token=</c> instead; no other request may (a token in a URL ends up in histories and
/// logs). The token itself is never logged.
/// </summary>
public sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AccountStore accounts,
    HttpAuthLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The query parameter a WebSocket upgrade may carry its token in.</summary>
    public const string QueryTokenParameter = "access_token";

    /// <summary>WebSocket routes whose upgrade may carry the token in the query.</summary>
    public static readonly IReadOnlyList<PathString> QueryTokenRoutes = [new(LiveApi.Route)];

    private const string FailureKey = "inforadio.auth.failure";
    private const string LockoutKey = "inforadio.auth.lockout";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.Length == 0)
        {
            if (!MayUseQueryToken() || !Request.Query.TryGetValue(QueryTokenParameter, out var query))
                return Task.FromResult(AuthenticateResult.NoResult());
            if (query.Count != 1) return Fail($"give '{QueryTokenParameter}' once");
            token = query.ToString().Trim();
        }
        else
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return Fail("the Authorization header must be 'Bearer <token>'");
            token = header["Bearer ".Length..].Trim();
        }
        var address = Context.Connection.RemoteIpAddress;
        if (limiter.LockedFor(address) is { } locked && locked > TimeSpan.Zero)
        {
            // Not even looked up: a guesser learns nothing while locked out.
            Context.Items[LockoutKey] = locked;
            return Fail($"too many unrecognised tokens from this address: retry in {Math.Ceiling(locked.TotalSeconds):0} s");
        }
        if (token.Length == 0) return Fail("the bearer token is empty");
        if (accounts.FindByToken(token) is not { } user)
        {
            if (limiter.RecordFailure(address) is { } lockout) LogLockout(Logger, address?.ToString() ?? "?", (int)lockout.TotalSeconds);
            return Fail("the bearer token is not recognised");
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(user, SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var why = Context.Items[FailureKey] as string ?? (MayUseQueryToken()
            ? $"this endpoint needs a signed-in user: send 'Authorization: Bearer <token>' or '?{QueryTokenParameter}=<token>'"
            : "this endpoint needs a signed-in user: send 'Authorization: Bearer <token>'");
        if (Context.Items[LockoutKey] is TimeSpan locked)
        {
            Response.Headers.RetryAfter = Math.Ceiling(locked.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many requests", why, "auth-throttled");
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", why, "unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var user = Context.User.Identity?.Name ?? "the caller";
        var roles = string.Join(", ", Context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"{user} (roles: {(roles.Length > 0 ? roles : "none")}) may not {Request.Method} {Request.Path}: this needs another role", "forbidden");
    }

    private bool MayUseQueryToken() =>
        Context.WebSockets.IsWebSocketRequest && QueryTokenRoutes.Any(r => Request.Path.Equals(r, StringComparison.OrdinalIgnoreCase));

    private Task<AuthenticateResult> Fail(string why)
    {
        Context.Items[FailureKey] = why;
        return Task.FromResult(AuthenticateResult.Fail(why));
    }

    private async Task WriteProblemAsync(int status, string title, string detail, string reason)
    {
        ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogDenied(Logger, status, Request.Method, Request.Path, detail);
        Response.StatusCode = status;
        await Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "Bearer tokens from {Address} locked out for {Seconds} s after repeated unrecognised tokens")]
    private static partial void LogLockout(ILogger logger, string address, int seconds);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Request denied ({Status}) {Method} {Path}: {Why}")]
    private static partial void LogDenied(ILogger logger, int status, string method, string path, string why);
}
