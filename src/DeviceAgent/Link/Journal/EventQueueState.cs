namespace InfoRadio.DeviceAgent.Link.Journal;

/// <summary>An event waiting for the broker's PUBACK.</summary>
internal sealed record PendingEvent(long Seq, string Topic, byte[] Payload);

/// <summary>
/// The event queue's logic without its file: which events are still owed to the broker, in order, within the bounds
/// (the oldest make room, counted), and when the journal file holds so much that is done that it is worth rewriting.
/// Every change returns the journal records that make it durable. Not thread-safe: <see cref="EventJournal"/> locks.
/// </summary>
internal sealed class EventQueueState(int maxEvents, long maxBytes)
{
    /// <summary>Rewriting costs a few pending events at most; below this much dead weight it is not worth a write.</summary>
    private const int CompactionMinDeadRecords = 256;

    private readonly LinkedList<PendingEvent> _pending = new();
    private readonly Dictionary<long, LinkedListNode<PendingEvent>> _bySeq = [];
    private long _lastSeq;

    public int Count => _pending.Count;
    public long PendingBytes { get; private set; }

    /// <summary>Events dropped for room and not yet reported to the controller (survives restarts through the journal).</summary>
    public long UnreportedDrops { get; private set; }

    /// <summary>Events dropped for room since this state was created (replayed drops included).</summary>
    public long TotalDropped { get; private set; }

    /// <summary>Records the journal file holds now; those beyond <see cref="LiveRecords"/> are dead weight.</summary>
    public long RecordsInFile { get; private set; }

    /// <summary>Records a compacted file would hold.</summary>
    public long LiveRecords => _pending.Count + (UnreportedDrops > 0 ? 1 : 0);

    public bool NeedsCompaction => RecordsInFile - LiveRecords >= Math.Max(CompactionMinDeadRecords, LiveRecords);

    public PendingEvent? Oldest => _pending.First?.Value;

    public IEnumerable<PendingEvent> Pending => _pending;

    /// <summary>Rebuilds the state from a journal's records, in file order.</summary>
    public void Replay(IEnumerable<JournalRecord> records)
    {
        foreach (var record in records)
        {
            RecordsInFile++;
            _lastSeq = Math.Max(_lastSeq, record.Seq);
            switch (record.Kind)
            {
                case JournalRecordKind.Event:
                    Add(new PendingEvent(record.Seq, record.Topic, record.Payload));
                    break;
                case JournalRecordKind.Ack:
                    Remove(record.Seq);
                    break;
                case JournalRecordKind.Drop:
                    Remove(record.Seq);
                    UnreportedDrops += record.Count;
                    TotalDropped += record.Count;
                    break;
                case JournalRecordKind.DropsReported:
                    UnreportedDrops = 0;
                    break;
            }
        }
        // Bounds may have shrunk since the journal was written.
        var excess = new List<JournalRecord>();
        DropForRoom(0, 0, excess);
        RecordsInFile += excess.Count;
    }

    /// <summary>Queues an event; the returned records (drops first, then the event) must reach the file before it is sent.</summary>
    public List<JournalRecord> Append(string topic, byte[] payload, out PendingEvent added)
    {
        var records = new List<JournalRecord>(2);
        DropForRoom(1, payload.Length, records);
        added = new PendingEvent(++_lastSeq, topic, payload);
        Add(added);
        records.Add(JournalRecord.Event(added.Seq, topic, payload));
        RecordsInFile += records.Count;
        return records;
    }

    /// <summary>The broker has event <paramref name="seq"/>: the ack record to write, or null when it was no longer queued.</summary>
    public JournalRecord? Acknowledge(long seq)
    {
        if (!Remove(seq)) return null;
        RecordsInFile++;
        return JournalRecord.Ack(seq);
    }

    /// <summary>The drops were reported: the record that says so, or null when there was nothing to report.</summary>
    public JournalRecord? MarkDropsReported()
    {
        if (UnreportedDrops == 0) return null;
        UnreportedDrops = 0;
        RecordsInFile++;
        return JournalRecord.DropsReported();
    }

    /// <summary>The records of a compacted journal (what is still owed, nothing that is done); the state now counts only them.</summary>
    public List<JournalRecord> Compact()
    {
        var records = new List<JournalRecord>(_pending.Count + 1);
        // Seq 0 is never an event's, so replaying this removes nothing and only restores the count.
        if (UnreportedDrops > 0) records.Add(JournalRecord.Drop(0, (int)Math.Min(int.MaxValue, UnreportedDrops)));
        records.AddRange(_pending.Select(e => JournalRecord.Event(e.Seq, e.Topic, e.Payload)));
        RecordsInFile = records.Count;
        return records;
    }

    private void DropForRoom(int incoming, int incomingBytes, List<JournalRecord> records)
    {
        while (_pending.First is { } oldest
               && (_pending.Count + incoming > maxEvents || PendingBytes + incomingBytes > maxBytes))
        {
            Remove(oldest.Value.Seq);
            UnreportedDrops++;
            TotalDropped++;
            records.Add(JournalRecord.Drop(oldest.Value.Seq, 1));
        }
    }

    private void Add(PendingEvent e)
    {
        if (_bySeq.ContainsKey(e.Seq)) return;
        _bySeq[e.Seq] = _pending.AddLast(e);
        PendingBytes += e.Payload.Length;
    }

    private bool Remove(long seq)
    {
        if (!_bySeq.Remove(seq, out var node)) return false;
        _pending.Remove(node);
        PendingBytes -= node.Value.Payload.Length;
        return true;
    }
}
