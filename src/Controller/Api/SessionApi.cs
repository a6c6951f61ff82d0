using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Audit;
using InfoRadio.Controller.Security;
using Microsoft.AspNetCore.Authentication;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/session: the console's sign-in. <c>POST</c> checks a name and password and sets the session cookie
/// (<see cref="SessionCookie"/>); <c>DELETE</c> clears it. A wrong name and a wrong password get the same answer;
/// repeated wrong passwords lock the name (<see cref="AccountLockout"/>) and their address
/// (<see cref="HttpAuthLimiter"/>) for a while: 429 with Retry-After. Every attempt is audited.
/// </summary>
public static class SessionApi
{
    public const string Route = "/api/session";
    public const string WrongCredentials = "wrong user name or password";

    public sealed record SignInRequest(string? Name, string? Password);

    public sealed record SessionView(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas)
    {
        public static SessionView Of(UserAccount user) => new(user.Name, user.Roles, user.Areas);
    }

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SignInAsync).WithTags("Session").AllowAnonymous()
            .Accepts<SignInRequest>("application/json").Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapDelete(Route, async (HttpContext http) =>
        {
            await SessionCookie.SignOutAsync(http);
            http.Audit("session.signout", http.User.UserName(), true);
            return Results.NoContent();
        }).WithTags("Session").RequireAuthorization(AccountPolicies.Read);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, AccountStore store, AccountLockout lockout, HttpAuthLimiter limiter, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(typeof(SessionApi));
        var (body, problem) = await ApiBody.ReadAsync<SignInRequest>(http.Request, log, http.RequestAborted);
        if (body is null) return problem!;
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(body.Password))
            return ApiBody.Invalid(log, "give 'name' and 'password'");
        // Refused before anything is counted or stored under such a name, and before a long password is hashed.
        if (name.Length > AccountStore.MaxNameLength || body.Password.Length > PasswordPolicy.MaxLength)
            return await RefuseAsync(http, "anonymous", "name or password too long");

        var address = http.Connection.RemoteIpAddress;
        var locked = lockout.LockedFor(name) is var byName && byName > TimeSpan.Zero ? byName : limiter.LockedFor(address);
        if (locked > TimeSpan.Zero)
        {
            // The password is not even checked: a guesser learns nothing while locked out.
            http.AuditAs(Actor(name), "session.signin", name, false, "locked out");
            return TooMany(locked, byName > TimeSpan.Zero
                ? $"too many wrong passwords for '{name}': retry in {AuthProblems.RetryAfterSeconds(locked)} s"
                : $"too many failed sign-ins from this address: retry in {AuthProblems.RetryAfterSeconds(locked)} s");
        }

        var user = store.VerifyPassword(name, body.Password);
        if (user is null)
        {
            limiter.RecordFailure(address);
            if (lockout.RecordFailure(name) is { } started)
                http.AuditAs(Actor(name), "session.lockout", name, true, $"locked for {AuthProblems.RetryAfterSeconds(started)} s after repeated wrong passwords");
            return await RefuseAsync(http, name, "wrong name or password");
        }
        lockout.RecordSuccess(name);
        if (user.Disabled)
        {
            http.AuditAs(user.Name, "session.signin", user.Name, false, "account disabled");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"the account '{user.Name}' is disabled: ask an administrator");
        }
        await SessionCookie.SignInAsync(http, user);
        http.AuditAs(user.Name, "session.signin", user.Name, true);
        return Results.Ok(SessionView.Of(user));
    }

    private static Task<IResult> RefuseAsync(HttpContext http, string name, string why)
    {
        http.AuditAs(Actor(name), "session.signin", name, false, why);
        ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", "sign-in"));
        return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: WrongCredentials));
    }

    /// <summary>Who an attempt is audited as: the name it gave, when that can be a user name at all.</summary>
    private static string Actor(string name) => AccountStore.CheckName(name) is null ? name : "anonymous";

    private static IResult TooMany(TimeSpan wait, string detail)
    {
        ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", "sign-in-locked"));
        return new RetryAfterResult(wait, Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail));
    }

    private sealed class RetryAfterResult(TimeSpan wait, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = AuthProblems.RetryAfterSeconds(wait);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
