using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Audit;

namespace InfoRadio.Controller.Api;

/// <summary>/api/audit: who did what to the fleet, newest first (technicians and administrators).</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", (AuditTrail audit, DateTimeOffset? since, string? actor, string? action, string? target, int? limit) =>
        {
            if (limit is < 1 or > AuditTrail.MaxQueryLimit) return ApiProblems.BadRequest($"limit must be between 1 and {AuditTrail.MaxQueryLimit}");
            return Results.Ok(audit.Query(new AuditQuery(since, actor, action, target, limit ?? 100)));
        }).WithTags("Audit").RequireAuthorization(AccountPolicies.Install)
            // The trail records every area's actions: it is for those who answer for the whole installation.
            .RequireUnlimitedScope("the audit trail of the whole installation");

    /// <summary>Records an action of the request's signed-in user.</summary>
    public static AuditEntry Audit(this HttpContext http, string action, string target, bool succeeded, string? detail = null) =>
        http.RequestServices.GetRequiredService<AuditTrail>().Record(http.User.UserName(), action, target, succeeded, detail);

    /// <summary>Records an action in the name of <paramref name="actor"/>, for requests nobody is signed in to yet (sign-in).</summary>
    public static AuditEntry AuditAs(this HttpContext http, string actor, string action, string target, bool succeeded, string? detail = null) =>
        http.RequestServices.GetRequiredService<AuditTrail>().Record(actor, action, target, succeeded, detail);
}
