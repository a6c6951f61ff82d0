using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Api;

/// <summary>
/// The calendar as RFC 5545 text: GET /api/schedules.ics exports every schedule with its program; POST
/// /api/schedules/import (text/calendar) adds what a file holds, reporting what it imported and what it skipped.
/// </summary>
public static class CalendarApi
{
    public sealed record Skipped(string Kind, string Id, string Reason);

    public sealed record ImportReport(IReadOnlyList<string> Programs, IReadOnlyList<string> Schedules, IReadOnlyList<Skipped> Skipped, IReadOnlyList<string> Warnings);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schedules.ics", (HttpContext http, LiteDbSchedulingCatalog catalog, IcsCodec codec, TimeProvider time) =>
                Results.Text(codec.Export(catalog.ScheduledPrograms().Where(sp => http.SeesSchedule(sp.Schedule)).ToArray(), time.GetUtcNow()), IcsCodec.MediaType + "; charset=utf-8"))
            .WithTags("Schedules").RequireAuthorization(AccountPolicies.Read);
        app.MapPost("/api/schedules/import", ImportAsync).WithTags("Schedules").RequireAuthorization(AccountPolicies.Broadcast);
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, LiteDbSchedulingCatalog catalog, MediaLibrary media,
        TargetResolver resolver, IcsCodec codec, TimeProvider time)
    {
        var log = http.Log(typeof(CalendarApi));
        if (!(http.Request.ContentType?.StartsWith(IcsCodec.MediaType, StringComparison.OrdinalIgnoreCase) ?? false))
            return ApiProblems.Rejected(log, ApiProblems.Unsupported($"send the calendar as {IcsCodec.MediaType}"), "not a calendar");
        var result = await codec.ImportAsync(http.Request.Body, http.User.UserName(), time.GetUtcNow(), http.RequestAborted);
        if (!result.Succeeded)
        {
            var problem = Results.Problem(detail: "the calendar was not imported: " + string.Join("; ", result.Errors),
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request", extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
            return ApiProblems.Rejected(log, problem, "bad calendar");
        }

        var programs = new List<string>();
        var schedules = new List<string>();
        var skipped = new List<Skipped>();
        foreach (var p in result.Programs)
        {
            var why = catalog.FindProgram(p.Id) is not null ? "a program with this id exists here already"
                : LiteDbSchedulingCatalog.MediaOf(p.Content) is { } m && media.DurationOf(m) is null ? $"media '{m}' is not in this library"
                : null;
            if (why is null && Try(() => catalog.AddProgram(p)) is { } failed) why = failed;
            if (why is null) programs.Add(p.Id);
            else skipped.Add(new Skipped("program", p.Id, why));
        }
        foreach (var imported in result.Schedules)
        {
            var (s, outside) = Scoped(http, imported);
            var unknown = resolver.Resolve(s.Targets).Unknown;
            var why = outside is not null ? outside
                : catalog.FindSchedule(s.Id) is not null ? "a schedule with this id exists here already"
                : catalog.FindProgram(s.ProgramId) is null ? $"its program '{s.ProgramId}' is not here"
                : unknown.Count > 0 ? $"unknown targets: {string.Join(", ", unknown)}"
                : null;
            if (why is null && Try(() => catalog.AddSchedule(s)) is { } failed) why = failed;
            if (why is null) schedules.Add(s.Id);
            else skipped.Add(new Skipped("schedule", s.Id, why));
        }
        return Results.Ok(new ImportReport(programs, schedules, skipped, result.Warnings));
    }

    /// <summary>The schedule with its targets as the user may aim them, or why it lies outside the user's areas.</summary>
    private static (Schedule Schedule, string? Outside) Scoped(HttpContext http, Schedule schedule)
    {
        try
        {
            return (schedule with { Targets = http.Targets().Check(schedule.Targets) }, null);
        }
        catch (Targets.OutsideScopeException e)
        {
            return (schedule, e.Message);
        }
    }

    private static string? Try(Action add)
    {
        try
        {
            add();
            return null;
        }
        catch (Exception e) when (e is SchedulingException or CatalogConflictException)
        {
            return e.Message;
        }
    }
}
