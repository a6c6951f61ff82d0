using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Protocol;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/schedules: when programs air and where. Creating one looks for clashes first: without a
/// <c>clashPolicy</c> a clash answers 409 with the clashing programs per target, and the client repeats the request
/// with <c>override</c> or <c>append</c>, which is stored with the schedule.
/// </summary>
public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        app.MapCalendarApi();
        var group = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", (HttpContext http, LiteDbSchedulingCatalog catalog, TimeProvider time, IOptions<SchedulingApiOptions> options) =>
            catalog.ScheduledPrograms().Where(sp => http.SeesSchedule(sp.Schedule)).Select(sp => ScheduleView.Of(sp.Schedule, sp.Program, time.GetUtcNow(), options.Value.NextSlots)));
        group.MapGet("/{id}", (string id, LiteDbSchedulingCatalog catalog, TimeProvider time, IOptions<SchedulingApiOptions> options) =>
            catalog.FindSchedule(id) is { } s
                ? Results.Ok(ScheduleView.Of(s, catalog.FindProgram(s.ProgramId), time.GetUtcNow(), options.Value.NextSlots))
                : ApiProblems.NotFound($"no schedule with id '{id}'")).ScheduleInScope(change: false);
        group.MapPost("/", (HttpContext http, LiteDbSchedulingCatalog catalog, ClashDetector clashes, TimeProvider time, IOptions<SchedulingApiOptions> options) =>
            ApiGuard.WithBodyAsync<ScheduleBody>(http.Request, http.Log(typeof(SchedulesApi)), body =>
                Create(body, http, catalog, clashes, time.GetUtcNow(), options.Value, save: true)))
            .RequireAuthorization(AccountPolicies.Broadcast);
        group.MapPost("/preview", (HttpContext http, LiteDbSchedulingCatalog catalog, ClashDetector clashes, TimeProvider time, IOptions<SchedulingApiOptions> options) =>
            ApiGuard.WithBodyAsync<ScheduleBody>(http.Request, http.Log(typeof(SchedulesApi)), body =>
                Create(body, http, catalog, clashes, time.GetUtcNow(), options.Value, save: false)))
            .RequireAuthorization(AccountPolicies.Broadcast);
        group.MapPost("/{id}/cancel", (string id, LiteDbSchedulingCatalog catalog, TimeProvider time, IOptions<SchedulingApiOptions> options) =>
        {
            var now = time.GetUtcNow();
            var s = catalog.CancelSchedule(id, now) ?? catalog.FindSchedule(id);
            return s is null
                ? ApiProblems.NotFound($"no schedule with id '{id}'")
                : Results.Ok(ScheduleView.Of(s, catalog.FindProgram(s.ProgramId), now, options.Value.NextSlots));
        }).RequireAuthorization(AccountPolicies.Broadcast).ScheduleInScope(change: true);
        return group;
    }

    public sealed record PreviewView(ScheduleView Schedule, bool NeedsChoice, IReadOnlyList<ClashTargetView> Clashes, bool Truncated);

    private static IResult Create(ScheduleBody body, HttpContext http, LiteDbSchedulingCatalog catalog, ClashDetector detector,
        DateTimeOffset now, SchedulingApiOptions options, bool save)
    {
        var log = http.Log(typeof(SchedulesApi));
        var id = body.Id ?? ProgramsApi.NewId("s");
        if (Identifiers.Check(id, "schedule id") is { } bad) throw new SchedulingException(bad);
        var built = ScheduleRequests.Build(body, id, now);
        // Checked against the author's areas now and stored as checked ('all' as the author's areas): the schedule is
        // resolved to speakers at air time, so it keeps the reach its author was allowed when it was written.
        var schedule = built with { Targets = http.Targets().Check(built.Targets) };
        var program = catalog.FindProgram(schedule.ProgramId) is { } found && http.SeesProgram(found, catalog)
            ? found
            : throw new SchedulingException($"no program with id '{schedule.ProgramId}'");
        if (save && catalog.FindSchedule(id) is not null) throw new CatalogConflictException($"a schedule with id '{id}' already exists");

        var first = schedule.Lines.Min(l => BroadcastTimeZone.ToInstant(l.Start));
        var from = first > now ? first : now;
        var report = detector.Detect(new ScheduledProgram(program, schedule), catalog.ScheduledPrograms(), from, from.AddDays(options.ClashHorizonDays));
        if (report.UnknownTargets.Count > 0)
            throw new SchedulingException($"unknown targets: {string.Join(", ", report.UnknownTargets)} (devices, zones and area codes must exist)");

        var view = ScheduleView.Of(schedule, program, now, options.NextSlots);
        if (!save) return Results.Ok(new PreviewView(view, report.HasClashes, ClashViews.Of(report), report.Truncated));
        if (report.HasClashes && body.ClashPolicy is null)
        {
            var problem = Results.Problem(
                detail: $"the schedule clashes with {report.Clashes.Select(c => c.ExistingProgram.Id).Distinct().Count()} program(s) on {report.ByDevice.Count} device(s) " +
                        $"within {options.ClashHorizonDays} days: repeat the request with \"clashPolicy\": \"override\" (take the air) or \"append\" (wait until they finish)",
                statusCode: StatusCodes.Status409Conflict, title: "Schedule clash",
                extensions: new Dictionary<string, object?> { ["clashes"] = ClashViews.Of(report), ["truncated"] = report.Truncated, ["choices"] = new[] { "override", "append" } });
            return ApiProblems.Rejected(log, problem, "schedule clash");
        }
        catalog.AddSchedule(schedule);
        return Results.Created($"/api/schedules/{id}", view);
    }
}
