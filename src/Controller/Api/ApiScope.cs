using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>
/// The area scope of the request's user, in one place for every endpoint: <see cref="Scope"/> and
/// <see cref="Targets"/> (built once per request from the <c>inforadio:area</c> claims), what the user may see of
/// each kind of record, and <see cref="HiddenOutsideScope{TBuilder}"/>, the filter that answers 404 for a single
/// record outside the scope (so that a limited user does not learn it exists). An <see cref="OutsideScopeException"/>
/// thrown by any handler becomes a 403 problem with reason <c>outside-scope</c> (<see cref="UseOutsideScopeProblems"/>).
/// </summary>
public static partial class ApiScope
{
    public const string OutsideScopeReason = "outside-scope";

    private const string ItemKey = "inforadio.scope";

    /// <summary>What the signed-in user may target and see (unlimited for a user with no areas).</summary>
    public static ScopedTargets Targets(this HttpContext http)
    {
        if (http.Items[ItemKey] is ScopedTargets cached) return cached;
        var directory = http.RequestServices.GetRequiredService<TargetDirectory>();
        var targets = new ScopedTargets(AreaScope.Of(http.User.AreaCodes(), directory), directory,
            http.RequestServices.GetRequiredService<TargetResolver>());
        http.Items[ItemKey] = targets;
        return targets;
    }

    public static AreaScope Scope(this HttpContext http) => http.Targets().Scope;

    /// <summary>Whether the user sees the speaker; true for an unknown id, which the endpoint answers itself.</summary>
    public static bool SeesDevice(this HttpContext http, string deviceId) =>
        http.Scope().IsUnlimited || http.RequestServices.GetRequiredService<DeviceRegistry>().Find(deviceId) is not { } d || http.Scope().CoversVillage(d.VillageCode);

    /// <summary>Whether the speaker is known and in scope (a record about a removed speaker is for unlimited users).</summary>
    public static bool InScope(this HttpContext http, string deviceId) =>
        http.Scope().IsUnlimited || (http.RequestServices.GetRequiredService<DeviceRegistry>().Find(deviceId) is { } d && http.Scope().CoversVillage(d.VillageCode));

    public static bool Sees(this AreaScope scope, DeviceView device) => scope.CoversVillage(device.VillageCode);

    /// <summary>A broadcast is seen when it went to a speaker in scope, and shows only those speakers.</summary>
    public static BroadcastView? Visible(this HttpContext http, BroadcastView? view)
    {
        if (view is null || http.Scope().IsUnlimited) return view;
        var devices = view.Devices.Where(d => http.Targets().SeesAny([d.Id])).ToArray();
        return devices.Length == 0 ? null : view with { Devices = devices };
    }

    /// <summary>An emergency is seen when it went to a speaker in scope; its report counts only those speakers.</summary>
    public static EmergencyView? Visible(this HttpContext http, EmergencyView? view)
    {
        if (view is null || http.Scope().IsUnlimited) return view;
        var devices = view.Devices.Where(d => http.Targets().SeesAny([d.Id])).ToArray();
        return devices.Length == 0 ? null : view with { Devices = devices, Counts = EmergencyCounts.Of(devices) };
    }

    public static bool SeesSchedule(this HttpContext http, Schedule schedule) => http.Targets().Touches(schedule.Targets);

    /// <summary>
    /// A program has no targets of its own: a limited user sees it when they wrote it, when its author is limited to
    /// areas inside theirs, or when one of its schedules concerns them.
    /// </summary>
    public static bool SeesProgram(this HttpContext http, BroadcastProgram program, LiteDbSchedulingCatalog catalog) =>
        http.Scope().IsUnlimited || AuthoredWithin(http, program) || catalog.Schedules.Any(s => s.ProgramId == program.Id && http.SeesSchedule(s));

    /// <summary>A limited user may change a program written inside their areas, and only while all its schedules are.</summary>
    public static bool MayChangeProgram(this HttpContext http, BroadcastProgram program, LiteDbSchedulingCatalog catalog) =>
        http.Scope().IsUnlimited || (AuthoredWithin(http, program) && catalog.Schedules.Where(s => s.ProgramId == program.Id).All(s => http.Targets().Holds(s.Targets)));

    /// <summary>
    /// For endpoints on one program (route value <c>id</c>): 404 when the user does not see it, 403 (outside-scope)
    /// when they see it but may not change it (<see cref="MayChangeProgram"/>).
    /// </summary>
    public static TBuilder ProgramInScope<TBuilder>(this TBuilder builder, bool change) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var catalog = http.RequestServices.GetRequiredService<LiteDbSchedulingCatalog>();
            if (http.Scope().IsUnlimited || http.Request.RouteValues["id"] is not string id || catalog.FindProgram(id) is not { } program) return await next(context);
            if (!http.SeesProgram(program, catalog))
                return ApiProblems.Rejected(http.Log(typeof(ApiScope)), ApiProblems.NotFound($"no program with id '{id}'"), "outside scope");
            if (change && !http.MayChangeProgram(program, catalog))
                throw new OutsideScopeException([$"program {id} (written outside your areas, or scheduled beyond them)"], http.Scope());
            return await next(context);
        });

    /// <summary>
    /// For endpoints on one schedule (route value <c>id</c>): 404 when it does not concern the user, 403 (outside-scope)
    /// when <paramref name="change"/> and some of its targets lie outside the user's areas.
    /// </summary>
    public static TBuilder ScheduleInScope<TBuilder>(this TBuilder builder, bool change) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var catalog = http.RequestServices.GetRequiredService<LiteDbSchedulingCatalog>();
            if (http.Scope().IsUnlimited || http.Request.RouteValues["id"] is not string id || catalog.FindSchedule(id) is not { } schedule) return await next(context);
            if (!http.SeesSchedule(schedule))
                return ApiProblems.Rejected(http.Log(typeof(ApiScope)), ApiProblems.NotFound($"no schedule with id '{id}'"), "outside scope");
            if (change && !http.Targets().Holds(schedule.Targets))
                throw new OutsideScopeException([$"schedule {id} (it targets beyond your areas)"], http.Scope());
            return await next(context);
        });

    private static bool AuthoredWithin(HttpContext http, BroadcastProgram program)
    {
        if (string.Equals(program.Author, http.User.UserName(), StringComparison.OrdinalIgnoreCase)) return true;
        var author = http.RequestServices.GetRequiredService<AccountStore>().Find(program.Author);
        return author is { IsAreaLimited: true } && author.Areas.All(http.Scope().Covers);
    }

    /// <summary>
    /// Answers 404 ("no {what} with id …", as for an unknown id) when the record named by the route value
    /// <paramref name="routeKey"/> is outside the user's scope; <paramref name="sees"/> answers true for an unknown id.
    /// </summary>
    public static TBuilder HiddenOutsideScope<TBuilder>(this TBuilder builder, string what, Func<HttpContext, string, bool> sees, string routeKey = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.Scope().IsUnlimited && http.Request.RouteValues[routeKey] is string id && !sees(http, id))
                return ApiProblems.Rejected(http.Log(typeof(ApiScope)), ApiProblems.NotFound($"no {what} with id '{id}'"), "outside scope");
            return await next(context);
        });

    /// <summary>404 for a speaker (route value <c>id</c>) outside the user's scope.</summary>
    public static TBuilder DeviceHiddenOutsideScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.HiddenOutsideScope("speaker", SeesDevice);

    /// <summary>
    /// A zone is seen when it is empty or holds a speaker in scope (zones may span communes; a limited user sees only
    /// their own speakers in it).
    /// </summary>
    public static bool SeesZone(this HttpContext http, string zoneId)
    {
        if (http.Scope().IsUnlimited) return true;
        var members = http.RequestServices.GetRequiredService<DeviceRegistry>().List().Where(d => d.Zones.Contains(zoneId)).Select(d => d.Id).ToArray();
        return members.Length == 0 || http.Targets().SeesAny(members);
    }

    /// <summary>404 for a zone (route value <c>id</c>) that holds speakers, none of them in the user's scope.</summary>
    public static TBuilder ZoneHiddenOutsideScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.HiddenOutsideScope("zone", SeesZone);

    /// <summary>403 for something only an unlimited user may do (it acts on the whole fleet).</summary>
    public static TBuilder RequireUnlimitedScope<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var scope = context.HttpContext.Scope();
            return scope.IsUnlimited ? await next(context) : throw new OutsideScopeException([why], scope);
        });

    public static IResult OutsideScope(ILogger log, OutsideScopeException e) => ApiProblems.Rejected(log,
        Results.Problem(detail: e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            extensions: new Dictionary<string, object?> { ["reason"] = OutsideScopeReason, ["outside"] = e.Outside }),
        OutsideScopeReason);

    /// <summary>Turns an <see cref="OutsideScopeException"/> from any endpoint into its 403 problem.</summary>
    public static IApplicationBuilder UseOutsideScopeProblems(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (OutsideScopeException e) when (!http.Response.HasStarted)
            {
                LogOutside(http.Log(typeof(ApiScope)), http.User.Identity?.Name ?? "?", http.Request.Method, http.Request.Path, e.Message);
                await OutsideScope(http.Log(typeof(ApiScope)), e).ExecuteAsync(http);
            }
        });

    [LoggerMessage(EventId = 1520, Level = LogLevel.Warning, Message = "{User} refused {Method} {Path}: {Why}")]
    private static partial void LogOutside(ILogger logger, string user, string method, string path, string why);
}
