using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Link.Journal;

/// <summary>
/// The durable event queue: <c>events.journal</c> in the agent's state directory, an append-only file of
/// <see cref="JournalFormat"/> records around an <see cref="EventQueueState"/>. An event is on disk before it is
/// sent and leaves only with the broker's PUBACK; after a restart the events still owed are sent again, in order.
/// </summary>
/// <remarks>
/// fsync policy: an appended event (and a drop) is flushed to the device (<c>fsync</c>) before it may be sent — it is
/// the only copy of a play's proof, and a box makes a handful per broadcast, so the cost does not matter. An ack is
/// written to the page cache only: it survives the agent being killed, and what a power cut loses is at worst an ack,
/// i.e. an event sent once more with the same id, which the controller recognises and ignores. A compaction writes
/// a new file, fsyncs it, and renames it over the old one (atomic: after a power cut one of the two is whole).
/// The journal is owned by one process at a time (an exclusive lock on <c>events.journal.lock</c>); a journal that
/// cannot be used leaves the queue in memory, with an error in the log, never a stopped agent.
/// </remarks>
internal sealed partial class EventJournal : IDisposable
{
    public const string FileName = "events.journal";

    private readonly object _gate = new();
    private readonly EventQueueState _state;
    private readonly EventQueueOptions _options;
    private readonly ILogger _logger;
    private readonly string _path;
    private FileStream? _lock;
    private FileStream? _file;

    private EventJournal(string directory, EventQueueOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _path = Path.Combine(directory, FileName);
        _state = new EventQueueState(options.MaxEvents, (long)options.MaxKilobytes * 1024);
    }

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/>; never throws for a bad or busy file.</summary>
    public static EventJournal Open(string directory, EventQueueOptions options, ILogger logger)
    {
        var journal = new EventJournal(directory, options, logger);
        journal.Load(directory);
        return journal;
    }

    /// <summary>False when the queue lives in memory only (no usable file).</summary>
    public bool Durable
    {
        get { lock (_gate) return _file is not null; }
    }

    public int Count
    {
        get { lock (_gate) return _state.Count; }
    }

    public long TotalDropped
    {
        get { lock (_gate) return _state.TotalDropped; }
    }

    public long UnreportedDrops
    {
        get { lock (_gate) return _state.UnreportedDrops; }
    }

    /// <summary>The oldest event still owed to the broker.</summary>
    public PendingEvent? Oldest
    {
        get { lock (_gate) return _state.Oldest; }
    }

    /// <summary>Queues an event: it is on disk when this returns (unless the journal fell back to memory).</summary>
    public PendingEvent Append(string topic, byte[] payload)
    {
        lock (_gate)
        {
            var records = _state.Append(topic, payload, out var added);
            var drops = records.Count(r => r.Kind == JournalRecordKind.Drop);
            for (var i = 0; i < drops; i++) LogDropped(_logger, _options.MaxEvents, _options.MaxKilobytes);
            Write(records, flushToDevice: true);
            CompactIfWorthIt();
            return added;
        }
    }

    /// <summary>The broker acknowledged event <paramref name="seq"/>.</summary>
    public void Acknowledge(long seq)
    {
        lock (_gate)
        {
            if (_state.Acknowledge(seq) is not { } record) return;
            Write([record], flushToDevice: false);
            CompactIfWorthIt();
        }
    }

    /// <summary>The drops were told to the controller (an Error event is queued for it).</summary>
    public void MarkDropsReported()
    {
        lock (_gate)
        {
            if (_state.MarkDropsReported() is { } record) Write([record], flushToDevice: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
            _lock?.Dispose();
            _lock = null;
        }
    }

    private void Load(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            _lock = new FileStream(_path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var records = JournalFormat.Decode(bytes, out var validLength, out var damage);
            if (damage is not null) LogDamaged(_logger, _path, damage);
            _state.Replay(records);
            if (validLength == 0 && bytes.Length > 0)
            {
                // Not a journal of ours: kept aside for a technician rather than overwritten.
                file.Dispose();
                File.Move(_path, _path + ".unreadable", overwrite: true);
                file = new FileStream(_path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
            }
            // Cut what follows the last whole record, so that new records are not hidden behind a torn one.
            file.SetLength(validLength);
            file.Position = validLength;
            _file = file;
            if (validLength == 0) Write([], flushToDevice: true);
            if (damage is not null || _state.NeedsCompaction) Compact();
            LogOpened(_logger, _path, _state.Count, _state.UnreportedDrops);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogMemoryOnly(_logger, _path, ex.Message);
            _file?.Dispose();
            _file = null;
            _lock?.Dispose();
            _lock = null;
        }
    }

    private void Write(IReadOnlyList<JournalRecord> records, bool flushToDevice)
    {
        if (_file is not { } file) return;
        var start = file.Position;
        try
        {
            if (start == 0) file.Write(JournalFormat.Header);
            foreach (var record in records) file.Write(JournalFormat.Encode(record));
            file.Flush(flushToDevice);
        }
        catch (IOException ex)
        {
            // A full disk: the record is kept in memory, and the file must not be left with a torn record followed by
            // good ones, so it is cut back and no longer written.
            LogWriteFailed(_logger, _path, ex.Message);
            try
            {
                file.SetLength(start);
            }
            catch (IOException)
            {
                // The reader stops at the torn record anyway, keeping everything before it.
            }
            file.Dispose();
            _file = null;
        }
    }

    private void CompactIfWorthIt()
    {
        if (_file is not null && _state.NeedsCompaction) Compact();
    }

    private void Compact()
    {
        if (_file is null) return;
        var records = _state.Compact();
        var temporary = _path + ".tmp";
        try
        {
            using (var fresh = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                fresh.Write(JournalFormat.Header);
                foreach (var record in records) fresh.Write(JournalFormat.Encode(record));
                fresh.Flush(flushToDisk: true);
            }
            _file.Dispose();
            File.Move(temporary, _path, overwrite: true);
            _file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            _file.Position = _file.Length;
            LogCompacted(_logger, records.Count);
        }
        catch (IOException ex)
        {
            LogWriteFailed(_logger, _path, ex.Message);
            _file?.Dispose();
            _file = null;
        }
    }
}
