using System.Text.Encodings.Web;
using InfoRadio.Controller.Api;
using InfoRadio.Controller.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="AccountStore"/>, and answers a
/// missing or unknown token (401) and a missing role (403) with RFC 9457 problems (<see cref="AuthProblems"/>).
/// A token of a disabled user is refused.
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
            if (!MayUseQueryToken(Context) || !Request.Query.TryGetValue(QueryTokenParameter, out var query))
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
        if (user.Disabled) return Fail($"the account '{user.Name}' is disabled");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(user, SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var why = Context.Items[FailureKey] as string ?? AuthProblems.Unauthenticated(MayUseQueryToken(Context));
        if (Context.Items[LockoutKey] is TimeSpan locked)
        {
            await AuthProblems.WriteTooManyAsync(Context, locked, why, "auth-throttled");
            return;
        }
        await AuthProblems.WriteUnauthorizedAsync(Context, why);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteForbiddenAsync(Context, AuthProblems.Forbidden(Context));

    /// <summary>
    /// Whether the request brings a bearer token (header, or query on a WebSocket route): the policy scheme then
    /// authenticates it with this handler rather than by cookie.
    /// </summary>
    public static bool BringsToken(HttpContext http) =>
        http.Request.Headers.Authorization.Count > 0 || (MayUseQueryToken(http) && http.Request.Query.ContainsKey(QueryTokenParameter));

    private static bool MayUseQueryToken(HttpContext http) =>
        http.WebSockets.IsWebSocketRequest && QueryTokenRoutes.Any(r => http.Request.Path.Equals(r, StringComparison.OrdinalIgnoreCase));

    private Task<AuthenticateResult> Fail(string why)
    {
        Context.Items[FailureKey] = why;
        return Task.FromResult(AuthenticateResult.Fail(why));
    }

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "Bearer tokens from {Address} locked out for {Seconds} s after repeated unrecognised tokens")]
    private static partial void LogLockout(ILogger logger, string address, int seconds);

}
