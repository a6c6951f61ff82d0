using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Protocol;

namespace InfoRadio.Controller.Api;

/// <summary>/api/programs: what the commune airs. Broadcasters and admins write; any signed-in user reads.</summary>
public static class ProgramsApi
{
    public static RouteGroupBuilder MapProgramsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs").WithTags("Programs").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (HttpContext http, LiteDbSchedulingCatalog catalog) => catalog.Programs.Where(p => http.SeesProgram(p, catalog)).Select(ProgramView.Of));
        group.MapGet("/{id}", (string id, LiteDbSchedulingCatalog catalog) =>
            catalog.FindProgram(id) is { } p ? Results.Ok(ProgramView.Of(p)) : ApiProblems.NotFound($"no program with id '{id}'")).ProgramInScope(change: false);
        group.MapPost("/", CreateAsync).RequireAuthorization(AccountPolicies.Broadcast);
        group.MapPut("/{id}", ReviseAsync).RequireAuthorization(AccountPolicies.Broadcast).ProgramInScope(change: true);
        group.MapDelete("/{id}", (string id, HttpContext http, LiteDbSchedulingCatalog catalog) =>
            ApiGuard.Run(http.Log(typeof(ProgramsApi)), () =>
                catalog.DeleteProgram(id) ? Results.NoContent() : ApiProblems.NotFound($"no program with id '{id}'")))
            .RequireAuthorization(AccountPolicies.Broadcast).ProgramInScope(change: true);
        group.MapApprovalEndpoints();
        return group;
    }

    private static Task<IResult> CreateAsync(HttpContext http, LiteDbSchedulingCatalog catalog, MediaLibrary media) =>
        ApiGuard.WithBodyAsync<ProgramBody>(http.Request, http.Log(typeof(ProgramsApi)), body =>
        {
            var id = body.Id ?? NewId("p");
            if (Identifiers.Check(id, "program id") is { } bad) throw new SchedulingException(bad);
            var program = ProgramRequests.Build(body, id, http.User.UserName(), media);
            catalog.AddProgram(program);
            return Results.Created($"/api/programs/{id}", ProgramView.Of(program));
        });

    /// <summary>A revision: a change of what airs sends an approved or pending program back to draft.</summary>
    private static Task<IResult> ReviseAsync(string id, HttpContext http, LiteDbSchedulingCatalog catalog, MediaLibrary media, TimeProvider time) =>
        ApiGuard.WithBodyAsync<ProgramBody>(http.Request, http.Log(typeof(ProgramsApi)), body =>
        {
            if (body.Id is not null && body.Id != id) throw new SchedulingException("the body's 'id' differs from the URL's: a program's id cannot change");
            var actor = ApprovalsApi.Actor(http);
            var updated = catalog.UpdateProgram(id, current =>
            {
                if (body.RequiresApproval is { } r && r != current.RequiresApproval)
                    throw new SchedulingException("'requiresApproval' cannot change in a revision: create a new program");
                var revised = ProgramRequests.Build(body with { RequiresApproval = current.RequiresApproval }, id, current.Author, media);
                return ApprovalWorkflow.Revise(current, revised, actor, time.GetUtcNow());
            });
            return updated is null ? ApiProblems.NotFound($"no program with id '{id}'") : Results.Ok(ProgramView.Of(updated));
        });

    /// <summary>A fresh id: the prefix and 15 hex digits.</summary>
    internal static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..15];
}
