namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Where a broadcast came from, kept on its record so that the verified play log and the reports can say what
/// played (a scheduled slot's program, an emergency and its CAP alert) without asking the scheduler or the emergency
/// service. Every field is optional: an upload or a live announcement has none.
/// </summary>
public sealed record BroadcastSource
{
    public string? ProgramId { get; init; }
    public string? ScheduleId { get; init; }
    /// <summary>The scheduled slot's start (the air ledger's key with <see cref="ScheduleId"/>).</summary>
    public DateTimeOffset? SlotStart { get; init; }
    public string? EmergencyId { get; init; }
    /// <summary>The CAP alert's identifier when a CAP feed asked for the emergency.</summary>
    public string? CapIdentifier { get; init; }
}
