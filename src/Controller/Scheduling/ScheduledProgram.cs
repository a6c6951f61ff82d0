namespace InfoRadio.Controller.Scheduling;

/// <summary>A schedule together with the program it airs.</summary>
public sealed record ScheduledProgram(BroadcastProgram Program, Schedule Schedule);
