namespace InfoRadio.Controller.Scheduling;

/// <summary>A thread-safe <see cref="IAirLedger"/> in memory, for tests and until the LiteDB ledger exists.</summary>
public sealed class InMemoryAirLedger : IAirLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SlotKey, AirRecord> _records = [];
    private PlannerCheckpoint? _checkpoint;

    public PlannerCheckpoint? Checkpoint
    {
        get { lock (_lock) return _checkpoint; }
    }

    public void SaveCheckpoint(PlannerCheckpoint checkpoint)
    {
        lock (_lock) _checkpoint = checkpoint;
    }

    public AirRecord? Find(SlotKey key)
    {
        lock (_lock) return _records.GetValueOrDefault(key);
    }

    public bool TryAdd(AirRecord record)
    {
        lock (_lock) return _records.TryAdd(record.Key, record);
    }

    /// <summary>Every record, in slot start order.</summary>
    public IReadOnlyList<AirRecord> Records()
    {
        lock (_lock) return _records.Values.OrderBy(r => r.Key.Start).ThenBy(r => r.Key.ScheduleId, StringComparer.Ordinal).ToArray();
    }
}
