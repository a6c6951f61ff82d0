using System.Globalization;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Api;

/// <summary>
/// Air history, read from the scheduler's own records: the air ledger per schedule
/// (<c>GET /api/schedules/{id}/airings</c>) and per Vietnam calendar day (<c>GET /api/airings?day=</c>), and each
/// device's preemption log (<c>GET /api/devices/{id}/preemptions</c>). Any signed-in user may read them.
/// </summary>
public static class AiringsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>One slot's ledger record: on-time, late or missed (with the reason), and when that was decided.</summary>
    public sealed record AiringView(string ScheduleId, string ProgramId, DateTimeOffset Start, string Outcome, string? Reason, string? Detail, DateTimeOffset DecidedAt)
    {
        public static AiringView Of(AirRecord r) => new(r.Key.ScheduleId, r.ProgramId, ScheduleView.Vn(r.Key.Start), ApiBody.Token(r.Outcome),
            r.Reason is { } reason ? ApiBody.Token(reason) : null, r.Detail, ScheduleView.Vn(r.DecidedAt));
    }

    /// <summary>One line of a device's preemption log; <c>positionSeconds</c> is where the slot stood when it lost the air.</summary>
    public sealed record PreemptionView(DateTimeOffset At, string SlotId, string By, string Reason, string Policy, string Role, double PositionSeconds, bool WasOnAir)
    {
        public static PreemptionView Of(PreemptionLogEntry e) => new(ScheduleView.Vn(e.At), e.SlotId, e.By, ApiBody.Token(e.Reason),
            ApiBody.Token(e.Policy), ApiBody.Token(e.Role), e.Position.TotalSeconds, e.WasOnAir);
    }

    public static IEndpointRouteBuilder MapAiringsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schedules/{id}/airings", (string id, int? limit, LiteDbSchedulingCatalog catalog, LiteDbAirLedger ledger) =>
                catalog.FindSchedule(id) is null
                    ? ApiProblems.NotFound($"no schedule with id '{id}'")
                    : Results.Ok(ledger.ForSchedule(id, Limit(limit)).Select(AiringView.Of)))
            .WithTags("Schedules").RequireAuthorization(AccountPolicies.Read).ScheduleInScope(change: false);

        app.MapGet("/api/airings", (string? day, HttpContext http, LiteDbAirLedger ledger, LiteDbSchedulingCatalog catalog, TimeProvider time) =>
            {
                // A limited user sees the airings of the schedules that concern them.
                IEnumerable<AirRecord> Seen(IEnumerable<AirRecord> records) => http.Scope().IsUnlimited
                    ? records
                    : records.Where(r => catalog.FindSchedule(r.Key.ScheduleId) is { } s && http.SeesSchedule(s));
                if (day is null) return Results.Ok(Seen(ledger.ForDay(DateOnly.FromDateTime(BroadcastTimeZone.ToLocal(time.GetUtcNow())))).Select(AiringView.Of));
                return DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? Results.Ok(Seen(ledger.ForDay(date)).Select(AiringView.Of))
                    : ApiBody.Invalid(http.Log(typeof(AiringsApi)), $"'day' must be a Vietnam calendar day like 2025-06-01, not '{day}'");
            })
            .WithTags("Schedules").RequireAuthorization(AccountPolicies.Read);

        app.MapGet("/api/devices/{id}/preemptions", (string id, int? limit, DeviceRegistry registry, LiteDbPreemptionLog log) =>
                registry.Find(id) is null
                    ? ApiProblems.NotFound($"no speaker with id '{id}'")
                    : Results.Ok(log.ForDevice(id, Limit(limit)).Select(PreemptionView.Of)))
            .WithTags("Devices").RequireAuthorization(AccountPolicies.Read).DeviceHiddenOutsideScope();
        return app;
    }

    private static int Limit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}
