using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Api;

/// <summary>
/// The approval workflow over HTTP: submit and withdraw (broadcasters), approve and reject (approvers who did not
/// write the program), and GET /api/approvals, the queue of pending programs.
/// </summary>
public static class ApprovalsApi
{
    public sealed record RejectBody(string? Reason);

    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/approvals", (HttpContext http, LiteDbSchedulingCatalog catalog) =>
                catalog.Programs.Where(p => p.Approval == ApprovalState.Pending && http.SeesProgram(p, catalog)).Select(ProgramView.Of))
            .WithTags("Programs").RequireAuthorization(AccountPolicies.Read);
        return app;
    }

    internal static void MapApprovalEndpoints(this RouteGroupBuilder programs)
    {
        programs.MapPost("/{id}/submit", (string id, HttpContext http, LiteDbSchedulingCatalog catalog, TimeProvider time) =>
            Step(id, http, catalog, (p, actor) => ApprovalWorkflow.Submit(p, actor, time.GetUtcNow()))).RequireAuthorization(AccountPolicies.Broadcast).ProgramInScope(change: true);
        programs.MapPost("/{id}/withdraw", (string id, HttpContext http, LiteDbSchedulingCatalog catalog, TimeProvider time) =>
            Step(id, http, catalog, (p, actor) => ApprovalWorkflow.Withdraw(p, actor, time.GetUtcNow()))).RequireAuthorization(AccountPolicies.Broadcast).ProgramInScope(change: true);
        programs.MapPost("/{id}/approve", (string id, HttpContext http, LiteDbSchedulingCatalog catalog, TimeProvider time) =>
            Step(id, http, catalog, (p, actor) => ApprovalWorkflow.Approve(NotAuthor(p, actor, "approve"), actor, time.GetUtcNow()))).RequireAuthorization(AccountPolicies.Approve).ProgramInScope(change: true);
        programs.MapPost("/{id}/reject", async (string id, HttpContext http, LiteDbSchedulingCatalog catalog, TimeProvider time) =>
        {
            var log = http.Log(typeof(ApprovalsApi));
            var (body, problem) = await ApiBody.ReadAsync<RejectBody>(http.Request, log, http.RequestAborted);
            if (problem is not null) return problem;
            if (string.IsNullOrWhiteSpace(body!.Reason)) return ApiBody.Invalid(log, "a rejection needs a 'reason'");
            return Step(id, http, catalog, (p, actor) => ApprovalWorkflow.Reject(NotAuthor(p, actor, "reject"), actor, body.Reason, time.GetUtcNow()));
        }).RequireAuthorization(AccountPolicies.Approve).ProgramInScope(change: true);
    }

    public static ApprovalActor Actor(HttpContext http) => new(http.User.UserName(), http.User.IsInRole(AccountRoles.Approver));

    private static IResult Step(string id, HttpContext http, LiteDbSchedulingCatalog catalog, Func<BroadcastProgram, ApprovalActor, BroadcastProgram> step)
    {
        var log = http.Log(typeof(ApprovalsApi));
        var actor = Actor(http);
        try
        {
            var updated = catalog.UpdateProgram(id, p => step(p, actor));
            return updated is null ? ApiProblems.NotFound($"no program with id '{id}'") : Results.Ok(ProgramView.Of(updated));
        }
        catch (AuthorApprovalException e)
        {
            return ApiProblems.Rejected(log, ApiProblems.Forbidden(e.Message), "author approval");
        }
        catch (SchedulingException e)
        {
            // The workflow refuses steps that do not fit the program's state (approving a draft, rejecting twice).
            return ApiProblems.Rejected(log, ApiProblems.Conflict(e.Message), "approval state");
        }
    }

    private static BroadcastProgram NotAuthor(BroadcastProgram program, ApprovalActor actor, string verb) =>
        actor.Is(program.Author)
            ? throw new AuthorApprovalException($"{actor.UserId} wrote program {program.Id} and may not {verb} it: another approver must")
            : program;

    private sealed class AuthorApprovalException(string message) : Exception(message);
}
