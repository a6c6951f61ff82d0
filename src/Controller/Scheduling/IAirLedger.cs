namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The durable memory of what aired: one record per slot, ever, plus the planner's checkpoint. A new planner
/// built on the same ledger after a restart neither airs a slot twice nor forgets one. Implementations must make
/// <see cref="TryAdd"/> atomic and durable before it returns (the LiteDB one comes with persistence).
/// </summary>
public interface IAirLedger
{
    PlannerCheckpoint? Checkpoint { get; }

    void SaveCheckpoint(PlannerCheckpoint checkpoint);

    AirRecord? Find(SlotKey key);

    /// <summary>Adds the record unless the slot already has one; false means it had, and nothing changed.</summary>
    bool TryAdd(AirRecord record);
}
