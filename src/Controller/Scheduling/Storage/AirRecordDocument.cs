namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>
/// An <see cref="AirRecord"/> as stored in LiteDB (collection "air_records"). The id is the slot key with its start in
/// ticks, so the primary key itself is the unique slot index and instants keep their full precision (LiteDB dates
/// keep milliseconds only).
/// </summary>
internal sealed class AirRecordDocument
{
    public string Id { get; set; } = "";
    public string ScheduleId { get; set; } = "";
    public long StartTicks { get; set; }
    /// <summary>The slot's start as a Vietnam calendar day, yyyymmdd, for the "by day" queries.</summary>
    public int Day { get; set; }
    public string ProgramId { get; set; } = "";
    public AirOutcome Outcome { get; set; }
    public long DecidedAtTicks { get; set; }
    public MissReason? Reason { get; set; }
    public string? Detail { get; set; }

    public static string IdOf(SlotKey key) => $"{key.ScheduleId}|{key.Start.UtcTicks}";

    public static int DayOf(DateTimeOffset instant)
    {
        var local = BroadcastTimeZone.ToLocal(instant);
        return local.Year * 10_000 + local.Month * 100 + local.Day;
    }

    public static int DayOf(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    public static AirRecordDocument Of(AirRecord record) => new()
    {
        Id = IdOf(record.Key),
        ScheduleId = record.Key.ScheduleId,
        StartTicks = record.Key.Start.UtcTicks,
        Day = DayOf(record.Key.Start),
        ProgramId = record.ProgramId,
        Outcome = record.Outcome,
        DecidedAtTicks = record.DecidedAt.UtcTicks,
        Reason = record.Reason,
        Detail = record.Detail,
    };

    public AirRecord ToRecord() => new(
        new SlotKey(ScheduleId, new DateTimeOffset(StartTicks, TimeSpan.Zero)),
        ProgramId, Outcome, new DateTimeOffset(DecidedAtTicks, TimeSpan.Zero), Reason, Detail);
}
