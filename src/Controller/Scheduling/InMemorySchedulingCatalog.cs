namespace InfoRadio.Controller.Scheduling;

/// <summary>A thread-safe <see cref="ISchedulingCatalog"/> in memory; persistence later keeps the same shape.</summary>
public sealed class InMemorySchedulingCatalog : ISchedulingCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BroadcastProgram> _programs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Schedule> _schedules = new(StringComparer.Ordinal);
    private Schedule[] _snapshot = [];
    private long _version;

    public long Version
    {
        get { lock (_lock) return _version; }
    }

    public IReadOnlyCollection<Schedule> Schedules
    {
        get { lock (_lock) return _snapshot; }
    }

    public BroadcastProgram? FindProgram(string programId)
    {
        lock (_lock) return _programs.GetValueOrDefault(programId);
    }

    /// <summary>Adds or replaces a program; throws <see cref="SchedulingException"/> if it is not valid.</summary>
    public void Put(BroadcastProgram program)
    {
        if (program.Validate() is { } error) throw new SchedulingException($"program {program.Id}: {error}");
        lock (_lock)
        {
            _programs[program.Id] = program;
            _version++;
        }
    }

    /// <summary>Adds or replaces a schedule; its program must exist.</summary>
    public void Put(Schedule schedule)
    {
        if (schedule.Validate() is { } error) throw new SchedulingException($"schedule {schedule.Id}: {error}");
        lock (_lock)
        {
            if (!_programs.ContainsKey(schedule.ProgramId)) throw new SchedulingException($"schedule {schedule.Id}: program {schedule.ProgramId} does not exist");
            _schedules[schedule.Id] = schedule;
            _snapshot = _schedules.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
            _version++;
        }
    }

    public Schedule? FindSchedule(string scheduleId)
    {
        lock (_lock) return _schedules.GetValueOrDefault(scheduleId);
    }

    public bool RemoveSchedule(string scheduleId)
    {
        lock (_lock)
        {
            if (!_schedules.Remove(scheduleId)) return false;
            _snapshot = _schedules.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
            _version++;
            return true;
        }
    }
}
