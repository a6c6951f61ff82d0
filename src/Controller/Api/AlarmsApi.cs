using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Alarms;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/alarms: the fleet's alarms (active and history) for anyone who may read, acknowledgement and the rules for
/// technicians and administrators (audited).
/// </summary>
public static class AlarmsApi
{
    public sealed record AlarmView(long Id, string DeviceId, string Kind, DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, string Detail,
        string? ClearDetail, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy)
    {
        public static AlarmView Of(AlarmRecord a) =>
            new(a.Id, a.DeviceId, a.Kind, a.RaisedAt, a.ClearedAt, a.Detail, a.ClearDetail, a.AcknowledgedAt, a.AcknowledgedBy);
    }

    public sealed record AlarmStats(int Active, long Raised, long Cleared, long TelemetryEvaluated, long OfflineChecks, long StoreFailures);

    public static IEndpointRouteBuilder MapAlarmsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alarms").WithTags("Alarms").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", List);
        group.MapGet("/stats", (HttpContext http, AlarmService alarms) => new AlarmStats(
            http.Scope().IsUnlimited ? alarms.ActiveCount : Scoped(http, alarms.Query(true, null, AlarmStore.MaxQueryLimit)).Count(), alarms.Counters.Raised, alarms.Counters.Cleared,
            alarms.Counters.TelemetryEvaluated, alarms.Counters.OfflineChecks, alarms.Counters.StoreFailures));
        group.MapGet("/rules", (AlarmService alarms) => alarms.Rules);
        // The rules apply to the whole fleet: a technician limited to some areas may not change them for everyone.
        group.MapPut("/rules", UpdateRulesAsync).RequireAuthorization(AccountPolicies.Install).RequireUnlimitedScope("the alarm rules of the whole fleet");
        group.MapPost("/{id}/acknowledge", Acknowledge).RequireAuthorization(AccountPolicies.Install)
            .HiddenOutsideScope("alarm", (http, id) => !long.TryParse(id, out var n) || AlarmsOf(http).Find(n) is not { } a || http.InScope(a.DeviceId));
        return app;
    }

    private static IResult List(HttpContext http, AlarmService alarms, string? active, string? device, int? limit)
    {
        var log = http.Log(typeof(AlarmsApi));
        if (active is not (null or "" or "true" or "false")) return ApiBody.Invalid(log, $"'active' must be true or false, not '{active}'");
        bool? onlyActive = active is "true" ? true : active is "false" ? false : null;
        if (limit is < 1 or > AlarmStore.MaxQueryLimit) return ApiBody.Invalid(log, $"'limit' must be between 1 and {AlarmStore.MaxQueryLimit}");
        if (http.Scope().IsUnlimited) return Results.Ok(alarms.Query(onlyActive, device, limit ?? 200).Select(AlarmView.Of));
        // Filtered after the query: look as far back as a query may, so that other areas' alarms do not crowd these out.
        return Results.Ok(Scoped(http, alarms.Query(onlyActive, device, AlarmStore.MaxQueryLimit)).Take(limit ?? 200).Select(AlarmView.Of));
    }

    private static IEnumerable<AlarmRecord> Scoped(HttpContext http, IEnumerable<AlarmRecord> records) => records.Where(a => http.InScope(a.DeviceId));

    private static AlarmService AlarmsOf(HttpContext http) => http.RequestServices.GetRequiredService<AlarmService>();

    private static async Task<IResult> UpdateRulesAsync(HttpContext http, AlarmService alarms)
    {
        var log = http.Log(typeof(AlarmsApi));
        var (rules, problem) = await ApiBody.ReadAsync<AlarmRules>(http.Request, log, http.RequestAborted);
        if (problem is not null)
        {
            http.Audit("alarm.rules.update", "rules", false, "unreadable body");
            return problem;
        }
        if (rules!.Validate() is { Count: > 0 } errors)
        {
            var detail = string.Join("; ", errors);
            http.Audit("alarm.rules.update", "rules", false, detail);
            return ApiBody.Invalid(log, detail);
        }
        var saved = alarms.UpdateRules(rules);
        http.Audit("alarm.rules.update", "rules", true, Describe(saved));
        return Results.Ok(saved);
    }

    private static IResult Acknowledge(HttpContext http, string id, AlarmService alarms)
    {
        var log = http.Log(typeof(AlarmsApi));
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var alarmId))
        {
            http.Audit("alarm.acknowledge", id, false, "not an alarm id");
            return ApiProblems.Rejected(log, ApiProblems.NotFound($"no alarm with id '{id}'"), "unknown alarm");
        }
        if (alarms.Acknowledge(alarmId, http.User.UserName()) is not { } alarm)
        {
            http.Audit("alarm.acknowledge", id, false, "unknown alarm");
            return ApiProblems.Rejected(log, ApiProblems.NotFound($"no alarm with id '{id}'"), "unknown alarm");
        }
        http.Audit("alarm.acknowledge", id, true, $"{alarm.DeviceId} {alarm.Kind}");
        return Results.Ok(AlarmView.Of(alarm));
    }

    private static string Describe(AlarmRules r) =>
        $"offline {(r.Offline.Enabled ? $"after {r.Offline.AfterMinutes} min" : "off")}; " +
        $"speaker {(r.SpeakerFault.Enabled ? "on" : "off")}; amplifier {(r.AmplifierFault.Enabled ? "on" : "off")}; " +
        $"mains {(r.MainsLost.Enabled ? "on" : "off")}; " +
        $"temperature {(r.OverTemperature.Enabled ? $"{r.OverTemperature.RaiseAtC}/{r.OverTemperature.ClearBelowC} C" : "off")}; " +
        $"signal {(r.LowSignal.Enabled ? $"{r.LowSignal.RaiseBelowDbm}/{r.LowSignal.ClearAboveDbm} dBm" : "off")}";
}
