namespace InfoRadio.Controller.Scheduling;

/// <summary>Why a slot was logged as missed.</summary>
public enum MissReason
{
    /// <summary>The planner did not run from the slot's start to the end of its grace window (controller down).</summary>
    NotStartedInTime,
    /// <summary>The program needs approval and was not approved by the end of the grace window.</summary>
    NotApproved,
    /// <summary>The schedule names a program that no longer exists.</summary>
    ProgramMissing,
    /// <summary>The program's content could not be loaded or cannot air yet (the record's detail says what).</summary>
    ContentUnavailable,
    /// <summary>The schedule's targets reach no known device.</summary>
    NoDevices,
}
