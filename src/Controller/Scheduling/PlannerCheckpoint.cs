namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// How far the planner got: every slot starting before <see cref="Watermark"/> has a ledger record (or was not owed),
/// and <see cref="LastTickAt"/> is when it last ran, which dates a downtime in the reasons of missed slots.
/// </summary>
public sealed record PlannerCheckpoint(DateTimeOffset Watermark, DateTimeOffset LastTickAt);
