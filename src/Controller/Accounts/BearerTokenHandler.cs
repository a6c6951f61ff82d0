using System.Text.Encodings.Web;
using InfoRadio.Controller.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="AccountStore"/>, and answers a
/// missing or unknown token (401) and a missing role (403) with RFC 9457 problems, counted and logged.
/// </summary>
public sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "Bearer";

    private const string FailureKey = "inforadio.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("the Authorization header must be 'Bearer <token>'");
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return Fail("the bearer token is empty");
        if (accounts.FindByToken(token) is not { } user) return Fail("the bearer token is not recognised");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(user, SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var why = Context.Items[FailureKey] as string ?? "this endpoint needs a signed-in user: send 'Authorization: Bearer <token>'";
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

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Request denied ({Status}) {Method} {Path}: {Why}")]
    private static partial void LogDenied(ILogger logger, int status, string method, string path, string why);
}
