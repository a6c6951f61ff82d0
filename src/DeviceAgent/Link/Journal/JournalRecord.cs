namespace InfoRadio.DeviceAgent.Link.Journal;

/// <summary>What a journal record says.</summary>
internal enum JournalRecordKind : byte
{
    /// <summary>An event to deliver: <see cref="JournalRecord.Topic"/> and <see cref="JournalRecord.Payload"/>.</summary>
    Event = 1,
    /// <summary>The broker acknowledged (PUBACK) event <see cref="JournalRecord.Seq"/>: it is done.</summary>
    Ack = 2,
    /// <summary>The queue was full: <see cref="JournalRecord.Count"/> oldest events were dropped, the last one being <see cref="JournalRecord.Seq"/>.</summary>
    Drop = 3,
    /// <summary>The drops so far were reported to the controller.</summary>
    DropsReported = 4,
}

/// <summary>One record of the event journal (see <see cref="JournalFormat"/> for its bytes).</summary>
internal readonly record struct JournalRecord(JournalRecordKind Kind, long Seq, string Topic, byte[] Payload, int Count)
{
    public static JournalRecord Event(long seq, string topic, byte[] payload) => new(JournalRecordKind.Event, seq, topic, payload, 0);
    public static JournalRecord Ack(long seq) => new(JournalRecordKind.Ack, seq, "", [], 0);
    public static JournalRecord Drop(long seq, int count) => new(JournalRecordKind.Drop, seq, "", [], count);
    public static JournalRecord DropsReported() => new(JournalRecordKind.DropsReported, 0, "", [], 0);
}
