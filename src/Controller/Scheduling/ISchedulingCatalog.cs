namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The programs and schedules the planner works from. <see cref="Version"/> changes whenever anything in it does,
/// so the planner knows to expand the schedules again.
/// </summary>
public interface ISchedulingCatalog
{
    long Version { get; }

    IReadOnlyCollection<Schedule> Schedules { get; }

    BroadcastProgram? FindProgram(string programId);
}
