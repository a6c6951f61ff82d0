namespace InfoRadio.Controller.Offline;

/// <summary>A plan item once published: what a device's cached play of it is attributed to in the play log.</summary>
public sealed class PlanItemDocument
{
    /// <summary>The item id (the session of a cached play's events).</summary>
    public string Id { get; set; } = "";
    public string ProgramId { get; set; } = "";
    public string Title { get; set; } = "";
    public string ScheduleId { get; set; } = "";
    public DateTime SlotStart { get; set; }
    public string Sha256 { get; set; } = "";
    public long Samples { get; set; }
    public DateTime PublishedAt { get; set; }
}
