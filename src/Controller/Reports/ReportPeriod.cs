using System.Globalization;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Reports;

/// <summary>
/// The local days <see cref="From"/> to <see cref="To"/> (both included) of a time zone: the instants
/// [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, TimeZoneInfo Zone)
{
    public DateTimeOffset Start => StartOf(From);
    public DateTimeOffset End => StartOf(To.AddDays(1));

    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var d = From; d <= To; d = d.AddDays(1)) yield return d;
        }
    }

    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The local day <paramref name="instant"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Local wall-clock text of an instant, as the reports show times.</summary>
    public string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zone of an id. Vietnam's zone is built in (UTC+7, no daylight saving since 1975), so reports do not depend on
    /// the host's tz database, like scheduling (<see cref="BroadcastTimeZone"/>).
    /// </summary>
    public static TimeZoneInfo ZoneOf(string id) =>
        BroadcastTimeZone.IsThisZone(id)
            ? TimeZoneInfo.CreateCustomTimeZone(BroadcastTimeZone.Id, BroadcastTimeZone.Offset, BroadcastTimeZone.Id, BroadcastTimeZone.Id)
            : TimeZoneInfo.FindSystemTimeZoneById(id);
}
