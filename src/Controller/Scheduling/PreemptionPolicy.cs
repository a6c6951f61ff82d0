namespace InfoRadio.Controller.Scheduling;

/// <summary>What a program does when something that outranks it takes the air, chosen per program.</summary>
public enum PreemptionPolicy
{
    /// <summary>Continue from where it was cut off once the air is free.</summary>
    Resume,
    /// <summary>Play again from the beginning once the air is free.</summary>
    Restart,
    /// <summary>Give up this slot (it is logged as skipped).</summary>
    Skip,
}
