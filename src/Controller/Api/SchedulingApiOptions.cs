namespace InfoRadio.Controller.Api;

/// <summary>Section "Scheduling": how far ahead the API looks for clashes, and how many next slots it shows.</summary>
public sealed class SchedulingApiOptions
{
    public const string Section = "Scheduling";

    /// <summary>Clashes are looked for from now (or the schedule's first slot) over this many days.</summary>
    public int ClashHorizonDays { get; set; } = 60;

    /// <summary>How many upcoming slots a schedule's view lists.</summary>
    public int NextSlots { get; set; } = 10;

    public string? Validate() =>
        ClashHorizonDays is < 1 or > 400 ? "ClashHorizonDays" : NextSlots is < 1 or > 100 ? "NextSlots" : null;
}
