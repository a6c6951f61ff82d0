using InfoRadio.Controller.Accounts;

namespace InfoRadio.Controller.Api;

/// <summary>
/// What any signed-in user may do to their own account: <c>POST /api/me/password</c> (change the password; every
/// other cookie session of theirs ends) and <c>POST /api/me/tokens</c> (issue themself an API token, e.g. the CLI
/// after a password sign-in). Both audited.
/// </summary>
public static class MeAccountApi
{
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public sealed record TokenView(string Token);

    public static IEndpointRouteBuilder MapMeAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization(AccountPolicies.Read);
        group.MapPost("/password", ChangePasswordAsync).Accepts<PasswordChange>("application/json")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/tokens", (HttpContext http, AccountStore store) =>
        {
            var name = http.User.UserName();
            try
            {
                var token = store.IssueToken(name);
                http.Audit("user.token.issue", name, true, "issued to themself");
                return Results.Created($"/api/me", new TokenView(token));
            }
            catch (AccountException ex)
            {
                http.Audit("user.token.issue", name, false, ex.Message);
                return UsersApi.Problem(ex);
            }
        }).Produces<TokenView>(StatusCodes.Status201Created);
        return app;
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, AccountStore store, AccountLockout lockout, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(typeof(MeAccountApi));
        var (body, problem) = await ApiBody.ReadAsync<PasswordChange>(http.Request, log, http.RequestAborted);
        if (body is null) return problem!;
        var name = http.User.UserName();
        if (string.IsNullOrEmpty(body.CurrentPassword) || string.IsNullOrEmpty(body.NewPassword))
            return ApiBody.Invalid(log, "give 'currentPassword' and 'newPassword'");
        // The current password is a password guess like any other: the lockout applies.
        if (lockout.LockedFor(name) > TimeSpan.Zero || store.VerifyPassword(name, body.CurrentPassword) is null)
        {
            if (lockout.RecordFailure(name) is not null) http.Audit("session.lockout", name, true, "locked after repeated wrong passwords");
            http.Audit("user.password.change", name, false, "wrong current password");
            return ApiBody.Invalid(log, "the current password is wrong");
        }
        try
        {
            var user = store.SetPassword(name, body.NewPassword);
            // This session stays signed in under the new stamp; every other one ends.
            if (http.User.IsCookieSession()) await SessionCookie.SignInAsync(http, user);
            http.Audit("user.password.change", name, true);
            return Results.NoContent();
        }
        catch (AccountException ex)
        {
            http.Audit("user.password.change", name, false, ex.Message);
            return UsersApi.Problem(ex);
        }
    }
}
