namespace InfoRadio.Controller.Scheduling;

/// <summary>Why a slot got its <see cref="SlotRole"/>.</summary>
public enum VerdictReason
{
    /// <summary>Highest class and origin, and not overridden by a later equal.</summary>
    Winner,
    /// <summary>Same class and origin as the winner and its clash policy is append.</summary>
    Appended,
    /// <summary>Lower class, or same class and lower origin, than the winner.</summary>
    Outranked,
    /// <summary>Same class and origin, but a later slot with clash policy override took the air.</summary>
    Overridden,
}
