using System.Globalization;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Api;

/// <summary>
/// GET /api/calendar?from=yyyy-MM-dd&amp;days=7: every slot the stored schedules owe in a run of Vietnam calendar
/// days, with its program and, once the scheduler has decided it, what became of it (the air ledger). The console's
/// week view draws this; a schedule's own view lists only its next few slots and the ledger only decided ones.
/// A user limited to areas sees the schedules that concern them (as GET /api/schedules).
/// </summary>
public static class WeekCalendarApi
{
    public const int MaxDays = 31;

    /// <summary>Slots are many for an every-hour schedule over a month: more than this answers 400, never a huge body.</summary>
    public const int MaxOccurrences = 5_000;

    public sealed record CalendarView(string From, string To, IReadOnlyList<OccurrenceView> Occurrences);

    /// <summary>One slot: when, how long, which schedule and program, and the ledger's outcome (null while undecided).</summary>
    public sealed record OccurrenceView(
        string ScheduleId,
        string ProgramId,
        string Title,
        string Kind,
        string Class,
        string Approval,
        bool CanAir,
        DateTimeOffset Start,
        DateTimeOffset End,
        bool Cancelled,
        string? Outcome,
        string? Reason);

    public static IEndpointRouteBuilder MapWeekCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/calendar", (string? from, int? days, HttpContext http, LiteDbSchedulingCatalog catalog, LiteDbAirLedger ledger, TimeProvider time) =>
            {
                var log = http.Log(typeof(WeekCalendarApi));
                var first = DateOnly.FromDateTime(BroadcastTimeZone.ToLocal(time.GetUtcNow()));
                if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
                    return ApiBody.Invalid(log, $"'from' must be a Vietnam calendar day like 2025-06-02, not '{from}'");
                var count = days ?? 7;
                if (count is < 1 or > MaxDays) return ApiBody.Invalid(log, $"'days' must be between 1 and {MaxDays}, not {count}");
                var start = BroadcastTimeZone.ToInstant(first.ToDateTime(TimeOnly.MinValue));
                var end = start.AddDays(count);
                try
                {
                    var visible = catalog.ScheduledPrograms().Where(sp => http.SeesSchedule(sp.Schedule));
                    return Results.Ok(new CalendarView(Day(first), Day(first.AddDays(count)), Occurrences(visible, ledger, start, end)));
                }
                catch (SchedulingException e)
                {
                    return ApiBody.Invalid(log, $"the calendar of these days cannot be shown: {e.Message}");
                }
            })
            .WithTags("Schedules").RequireAuthorization(AccountPolicies.Read);
        return app;
    }

    private static List<OccurrenceView> Occurrences(IEnumerable<ScheduledProgram> scheduled, LiteDbAirLedger ledger, DateTimeOffset start, DateTimeOffset end)
    {
        var outcomes = ledger.Between(start, end).ToDictionary(r => r.Key);
        var list = new List<OccurrenceView>();
        foreach (var (program, schedule) in scheduled)
        {
            foreach (var slot in RecurrenceExpander.Slots(schedule, program, start, end, MaxOccurrences + 1 - list.Count))
            {
                outcomes.TryGetValue(new SlotKey(schedule.Id, slot.Start), out var record);
                list.Add(new OccurrenceView(schedule.Id, program.Id, program.Title, ApiBody.Token(program.Kind), ApiBody.Token(program.Class),
                    ApiBody.Token(program.Approval), program.CanAir, ScheduleView.Vn(slot.Start), ScheduleView.Vn(slot.Start + slot.Duration),
                    schedule.CancelledAt is not null, record is null ? null : ApiBody.Token(record.Outcome),
                    record?.Reason is { } reason ? ApiBody.Token(reason) : null));
            }
            if (list.Count > MaxOccurrences) throw new SchedulingException($"more than {MaxOccurrences} slots: ask for fewer days");
        }
        list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.ScheduleId, b.ScheduleId));
        return list;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
