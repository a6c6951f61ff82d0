using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>
/// The durable <see cref="ISchedulingCatalog"/>: programs and schedules in the LiteDB collections <c>programs</c>
/// and <c>schedules</c>, with an in-memory copy the planner reads without touching the database. Every change is
/// written before it becomes visible; <see cref="Version"/> is persisted and bumped at each start, so it only grows
/// across restarts. Thread-safe: one lock orders all changes.
/// </summary>
public sealed partial class LiteDbSchedulingCatalog : ISchedulingCatalog
{
    public const string ProgramsCollection = "programs";
    public const string SchedulesCollection = "schedules";
    public const string MetaCollection = "scheduling_meta";

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _programsDb;
    private readonly ILiteCollection<BsonDocument> _schedulesDb;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly ILogger<LiteDbSchedulingCatalog> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BroadcastProgram> _programs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Schedule> _schedules = new(StringComparer.Ordinal);
    private Schedule[] _snapshot = [];
    private long _version;

    public LiteDbSchedulingCatalog(ControllerDatabase database, ILogger<LiteDbSchedulingCatalog> logger)
    {
        _logger = logger;
        _db = database.Database;
        _programsDb = _db.GetCollection(ProgramsCollection);
        _schedulesDb = _db.GetCollection(SchedulesCollection);
        _meta = _db.GetCollection(MetaCollection);
        Load(_programsDb, ProgramDocument.To, p => p.Validate(), p => _programs[p.Id] = p);
        Load(_schedulesDb, ScheduleDocument.To, s => s.Validate(), s => _schedules[s.Id] = s);
        _snapshot = Sorted();
        _version = (_meta.FindById("version")?["value"] is { IsNumber: true } v ? v.AsInt64 : 0) + 1;
        _meta.Upsert(new BsonDocument { ["_id"] = "version", ["value"] = _version });
        LogLoaded(_programs.Count, _schedules.Count, _version);
    }

    /// <summary>Raised after every change, outside the lock (the planner's cue to tick).</summary>
    public event Action? Changed;

    public long Version
    {
        get { lock (_gate) return _version; }
    }

    public IReadOnlyCollection<Schedule> Schedules
    {
        get { lock (_gate) return _snapshot; }
    }

    public IReadOnlyList<BroadcastProgram> Programs
    {
        get { lock (_gate) return _programs.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray(); }
    }

    public BroadcastProgram? FindProgram(string programId)
    {
        lock (_gate) return _programs.GetValueOrDefault(programId);
    }

    public Schedule? FindSchedule(string scheduleId)
    {
        lock (_gate) return _schedules.GetValueOrDefault(scheduleId);
    }

    /// <summary>Every schedule with its program, in schedule id order.</summary>
    public IReadOnlyList<ScheduledProgram> ScheduledPrograms()
    {
        // A schedule whose program could not be read at start-up (logged then) has nothing to pair with.
        lock (_gate) return _snapshot.Where(s => _programs.ContainsKey(s.ProgramId)).Select(s => new ScheduledProgram(_programs[s.ProgramId], s)).ToArray();
    }

    /// <summary>Programs whose content names <paramref name="mediaId"/> (a file, a playlist or a bulletin's recording).</summary>
    public IReadOnlyList<BroadcastProgram> ProgramsUsingMedia(string mediaId)
    {
        lock (_gate) return _programs.Values.Where(p => MediaOf(p.Content) == mediaId).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }

    public static string? MediaOf(ProgramContent content) => content switch
    {
        AudioFileContent f => f.MediaId,
        PlaylistContent l => l.PlaylistId,
        TtsBulletinContent t => t.RecordedMediaId,
        StreamRelayContent r => r.FallbackMediaId,
        _ => null,
    };

    /// <summary>Adds a new program. Throws <see cref="SchedulingException"/> if invalid, <see cref="CatalogConflictException"/> if the id is taken.</summary>
    public void AddProgram(BroadcastProgram program)
    {
        if (program.Validate() is { } error) throw new SchedulingException(error);
        Change(() =>
        {
            if (_programs.ContainsKey(program.Id)) throw new CatalogConflictException($"a program with id '{program.Id}' already exists");
            _programsDb.Insert(ProgramDocument.From(program));
            _programs[program.Id] = program;
        });
        LogProgram(program.Id, "added");
    }

    /// <summary>
    /// Replaces a program by what <paramref name="change"/> makes of it (an approval step, a revision), under the
    /// lock so that two approvers cannot both act on the same pending program. Null when there is no such program.
    /// </summary>
    public BroadcastProgram? UpdateProgram(string programId, Func<BroadcastProgram, BroadcastProgram> change)
    {
        BroadcastProgram? updated = null;
        Change(() =>
        {
            if (!_programs.TryGetValue(programId, out var current)) return false;
            updated = change(current);
            if (updated.Id != programId) throw new SchedulingException("a program's id cannot change");
            if (updated.Validate() is { } error) throw new SchedulingException(error);
            _programsDb.Update(ProgramDocument.From(updated));
            _programs[programId] = updated;
            return true;
        });
        if (updated is not null) LogProgram(programId, $"updated ({updated.Approval})");
        return updated;
    }

    /// <summary>Deletes a program no schedule refers to; false when there is no such program.</summary>
    public bool DeleteProgram(string programId)
    {
        var deleted = Change(() =>
        {
            if (!_programs.ContainsKey(programId)) return false;
            var users = _schedules.Values.Where(s => s.ProgramId == programId).Select(s => s.Id).ToArray();
            if (users.Length > 0) throw new CatalogConflictException($"program '{programId}' is used by schedules {string.Join(", ", users)}: cancel and keep them, or schedule another program");
            _programsDb.Delete(programId);
            _programs.Remove(programId);
            return true;
        });
        if (deleted) LogProgram(programId, "deleted");
        return deleted;
    }

    /// <summary>Adds a new schedule of an existing program.</summary>
    public void AddSchedule(Schedule schedule)
    {
        if (schedule.Validate() is { } error) throw new SchedulingException(error);
        Change(() =>
        {
            if (_schedules.ContainsKey(schedule.Id)) throw new CatalogConflictException($"a schedule with id '{schedule.Id}' already exists");
            if (!_programs.ContainsKey(schedule.ProgramId)) throw new SchedulingException($"program '{schedule.ProgramId}' does not exist");
            _schedulesDb.Insert(ScheduleDocument.From(schedule));
            _schedules[schedule.Id] = schedule;
        });
        LogSchedule(schedule.Id, "added");
    }

    /// <summary>Stops a schedule's slots from <paramref name="at"/> on (kept, for history). Null when there is no such schedule.</summary>
    public Schedule? CancelSchedule(string scheduleId, DateTimeOffset at)
    {
        Schedule? cancelled = null;
        Change(() =>
        {
            if (!_schedules.TryGetValue(scheduleId, out var current)) return false;
            cancelled = current.Cancel(at);
            if (ReferenceEquals(cancelled, current)) return false;
            _schedulesDb.Update(ScheduleDocument.From(cancelled));
            _schedules[scheduleId] = cancelled;
            return true;
        });
        if (cancelled is not null) LogSchedule(scheduleId, "cancelled");
        return cancelled;
    }

    private void Change(Action change) => Change(() => { change(); return true; });

    /// <summary>Runs a change under the lock in one transaction; bumps and persists the version when it returns true.</summary>
    private bool Change(Func<bool> change)
    {
        bool changed;
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                changed = change();
                if (changed)
                {
                    _meta.Upsert(new BsonDocument { ["_id"] = "version", ["value"] = _version + 1 });
                    _db.Commit();
                }
                else _db.Rollback();
            }
            catch
            {
                _db.Rollback();
                throw;
            }
            if (changed)
            {
                _version++;
                _snapshot = Sorted();
            }
        }
        if (changed) RaiseChanged();
        return changed;
    }

    private Schedule[] Sorted() => _schedules.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();

    private void Load<T>(ILiteCollection<BsonDocument> collection, Func<BsonDocument, T> read, Func<T, string?> validate, Action<T> keep)
    {
        foreach (var doc in collection.FindAll())
        {
            try
            {
                var item = read(doc);
                if (validate(item) is { } invalid) throw new FormatException(invalid);
                keep(item);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or NullReferenceException or ArgumentException or SchedulingException)
            {
                // A record this version cannot read stays in the database untouched for a later fix; it never airs.
                LogUnreadable(collection.Name, doc["_id"].ToString(), e.Message);
            }
        }
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e)
        {
            LogHandlerFailed(e);
        }
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Scheduling catalog loaded {Programs} programs and {Schedules} schedules (version {Version})")]
    private partial void LogLoaded(int programs, int schedules, long version);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "Skipping unreadable {Collection} record {Id}: {Problem}")]
    private partial void LogUnreadable(string collection, string id, string problem);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Program {ProgramId} {What}")]
    private partial void LogProgram(string programId, string what);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Schedule {ScheduleId} {What}")]
    private partial void LogSchedule(string scheduleId, string what);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Error, Message = "A scheduling catalog subscriber failed")]
    private partial void LogHandlerFailed(Exception exception);
}
