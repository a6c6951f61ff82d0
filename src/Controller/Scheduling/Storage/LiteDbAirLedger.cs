using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>
/// The air ledger in the controller's LiteDB: one document per slot, keyed by the slot, so a second record for the
/// same slot is refused by the database itself, and the planner's checkpoint beside them. Each write is its own
/// LiteDB transaction, committed before the call returns: a claim that returned true survives a crash.
/// </summary>
public sealed class LiteDbAirLedger : IAirLedger
{
    private const string CheckpointId = "planner";

    private readonly ILiteCollection<AirRecordDocument> _records;
    private readonly ILiteCollection<CheckpointDocument> _checkpoints;

    public LiteDbAirLedger(ControllerDatabase database)
    {
        _records = database.Database.GetCollection<AirRecordDocument>("air_records");
        _records.EnsureIndex(r => r.ScheduleId);
        _records.EnsureIndex(r => r.Day);
        _records.EnsureIndex(r => r.StartTicks);
        _checkpoints = database.Database.GetCollection<CheckpointDocument>("planner_checkpoint");
    }

    public PlannerCheckpoint? Checkpoint => _checkpoints.FindById(CheckpointId)?.ToCheckpoint();

    public void SaveCheckpoint(PlannerCheckpoint checkpoint) => _checkpoints.Upsert(CheckpointDocument.Of(CheckpointId, checkpoint));

    public AirRecord? Find(SlotKey key) => _records.FindById(AirRecordDocument.IdOf(key))?.ToRecord();

    public bool TryAdd(AirRecord record)
    {
        try
        {
            _records.Insert(AirRecordDocument.Of(record));
            return true;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    /// <summary>The latest records of one schedule, newest slot first.</summary>
    public IReadOnlyList<AirRecord> ForSchedule(string scheduleId, int limit = 100) => _records.Query()
        .Where(r => r.ScheduleId == scheduleId).OrderByDescending(r => r.StartTicks).Limit(limit).ToList()
        .Select(d => d.ToRecord()).ToArray();

    /// <summary>Every record of slots starting on <paramref name="day"/> (a Vietnam calendar day), in start order.</summary>
    public IReadOnlyList<AirRecord> ForDay(DateOnly day)
    {
        var key = AirRecordDocument.DayOf(day);
        return _records.Query().Where(r => r.Day == key).OrderBy(r => r.StartTicks).ToList().Select(d => d.ToRecord()).ToArray();
    }

    /// <summary>Records of slots starting in [<paramref name="from"/>, <paramref name="to"/>), in start order.</summary>
    public IReadOnlyList<AirRecord> Between(DateTimeOffset from, DateTimeOffset to)
    {
        long a = from.UtcTicks, b = to.UtcTicks;
        return _records.Query().Where(r => r.StartTicks >= a && r.StartTicks < b).OrderBy(r => r.StartTicks).ToList()
            .Select(d => d.ToRecord()).ToArray();
    }

    private sealed class CheckpointDocument
    {
        public string Id { get; set; } = "";
        public long WatermarkTicks { get; set; }
        public long LastTickAtTicks { get; set; }

        public static CheckpointDocument Of(string id, PlannerCheckpoint c) =>
            new() { Id = id, WatermarkTicks = c.Watermark.UtcTicks, LastTickAtTicks = c.LastTickAt.UtcTicks };

        public PlannerCheckpoint ToCheckpoint() =>
            new(new DateTimeOffset(WatermarkTicks, TimeSpan.Zero), new DateTimeOffset(LastTickAtTicks, TimeSpan.Zero));
    }
}
