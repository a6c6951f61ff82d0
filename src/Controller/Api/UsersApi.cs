using InfoRadio.Controller.Accounts;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/users (admin only): list, create, change (roles, areas, disabled), delete users, reset a password, issue and
/// revoke API tokens. Users created here persist and are not touched by the configuration's seeding. Views never
/// contain a secret; an issued token is shown once. Every change is audited, refused ones too.
/// </summary>
public static class UsersApi
{
    public sealed record UserView(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, bool Disabled,
        string Source, bool HasPassword, int Tokens, int LockedForSeconds);

    public sealed record CreateUser(string? Name, List<string>? Roles, List<string>? Areas, string? Password);

    public sealed record UpdateUser(List<string>? Roles, List<string>? Areas, bool Disabled);

    public sealed record PasswordReset(string? Password);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AccountPolicies.ManageUsers);
        group.MapGet("/", (AccountStore store, AccountLockout lockout) => store.List().Select(u => View(u, store, lockout)).ToArray());
        group.MapGet("/{name}", (string name, AccountStore store, AccountLockout lockout) =>
            store.Find(name) is { } user ? Results.Ok(View(user, store, lockout)) : ApiProblems.NotFound($"no user '{name}'"))
            .Produces<UserView>();
        group.MapPost("/", async (HttpContext http, AccountStore store, AccountLockout lockout, ILoggerFactory loggers) =>
        {
            var (body, problem) = await ApiBody.ReadAsync<CreateUser>(http.Request, loggers.CreateLogger(typeof(UsersApi)), http.RequestAborted);
            if (body is null) return problem!;
            return Act(http, "user.create", body.Name ?? "", () =>
            {
                var user = store.Create(body.Name, body.Roles, body.Areas, body.Password);
                return Results.Created($"/api/users/{Uri.EscapeDataString(user.Name)}", View(user, store, lockout));
            }, $"roles {Joined(body.Roles)}, areas {Joined(body.Areas)}");
        }).Accepts<CreateUser>("application/json").Produces<UserView>(StatusCodes.Status201Created);
        group.MapPut("/{name}", async (string name, HttpContext http, AccountStore store, AccountLockout lockout, ILoggerFactory loggers) =>
        {
            var (body, problem) = await ApiBody.ReadAsync<UpdateUser>(http.Request, loggers.CreateLogger(typeof(UsersApi)), http.RequestAborted);
            if (body is null) return problem!;
            return Act(http, "user.update", name, () =>
            {
                if (IsSelf(http, name) && (body.Disabled || body.Roles?.Contains(AccountRoles.Admin) != true))
                    throw new AccountException(AccountError.Conflict, "an administrator may not disable themself or take away their own admin role");
                return Results.Ok(View(store.Update(name, body.Roles, body.Areas, body.Disabled), store, lockout));
            }, $"roles {Joined(body.Roles)}, areas {Joined(body.Areas)}, disabled {body.Disabled}");
        }).Accepts<UpdateUser>("application/json").Produces<UserView>();
        group.MapDelete("/{name}", (string name, HttpContext http, AccountStore store) => Act(http, "user.delete", name, () =>
        {
            if (IsSelf(http, name)) throw new AccountException(AccountError.Conflict, "an administrator may not delete themself");
            store.Delete(name);
            return Results.NoContent();
        }));
        group.MapPost("/{name}/password", async (string name, HttpContext http, AccountStore store, AccountLockout lockout, ILoggerFactory loggers) =>
        {
            var (body, problem) = await ApiBody.ReadAsync<PasswordReset>(http.Request, loggers.CreateLogger(typeof(UsersApi)), http.RequestAborted);
            if (body is null) return problem!;
            return Act(http, "user.password.reset", name, () =>
            {
                var user = store.SetPassword(name, body.Password);
                lockout.Unlock(user.Name);
                return Results.NoContent();
            });
        }).Accepts<PasswordReset>("application/json");
        group.MapPost("/{name}/tokens", (string name, HttpContext http, AccountStore store) =>
            Act(http, "user.token.issue", name, () => Results.Created($"/api/users/{Uri.EscapeDataString(name)}", new MeAccountApi.TokenView(store.IssueToken(name)))))
            .Produces<MeAccountApi.TokenView>(StatusCodes.Status201Created);
        group.MapDelete("/{name}/tokens", (string name, HttpContext http, AccountStore store) =>
            Act(http, "user.token.revoke", name, () => (Results.NoContent(), $"{store.RevokeTokens(name)} token(s) revoked")));
        return app;
    }

    /// <summary>The problem answering a refused account change.</summary>
    public static IResult Problem(AccountException ex) => ex.Error switch
    {
        AccountError.NotFound => ApiProblems.NotFound(ex.Message),
        AccountError.Conflict => ApiProblems.Conflict(ex.Message),
        _ => ApiProblems.BadRequest(ex.Message),
    };

    private static IResult Act(HttpContext http, string action, string target, Func<IResult> change, string? detail = null) =>
        Act(http, action, target, () => (change(), detail));

    /// <summary>Carries out an account change and audits it, refused or done; <paramref name="change"/> gives the audit detail.</summary>
    private static IResult Act(HttpContext http, string action, string target, Func<(IResult Result, string? Detail)> change)
    {
        try
        {
            var (result, detail) = change();
            http.Audit(action, target, true, detail);
            return result;
        }
        catch (AccountException ex)
        {
            http.Audit(action, target, false, ex.Message);
            ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", "account-change"));
            return Problem(ex);
        }
    }

    private static UserView View(UserAccount user, AccountStore store, AccountLockout lockout) => new(user.Name, user.Roles, user.Areas, user.Disabled,
        user.Source == AccountSource.Api ? "api" : "configuration", user.HasPassword, store.TokenCount(user.Name),
        (int)Math.Ceiling(lockout.LockedFor(user.Name).TotalSeconds));

    private static bool IsSelf(HttpContext http, string name) => string.Equals(http.User.UserName(), name, StringComparison.OrdinalIgnoreCase);

    private static string Joined(List<string>? values) => values is null or [] ? "none" : string.Join(",", values);
}
