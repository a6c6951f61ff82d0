namespace InfoRadio.Controller.Scheduling;

/// <summary>A schedule the planner could not expand, and why.</summary>
public sealed record ScheduleProblem(string ScheduleId, string Message);
