using System.Security.Claims;
using InfoRadio.Controller.Accounts;

namespace InfoRadio.Controller.Api;

/// <summary>GET /api/me: who the bearer token belongs to, so a client (the technician CLI) can check it at sign-in.</summary>
public static class MeApi
{
    /// <param name="Areas">The administrative area codes the user is limited to; empty for the whole system.</param>
    public sealed record MeView(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas);

    public static RouteHandlerBuilder MapMeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", (HttpContext http) => new MeView(
                http.User.UserName(),
                http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray(),
                http.User.AreaCodes()))
            .WithTags("Accounts").RequireAuthorization(AccountPolicies.Read);
}
