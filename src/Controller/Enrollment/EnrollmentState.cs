namespace InfoRadio.Controller.Enrollment;

public enum EnrollmentState
{
    /// <summary>Imported from a CSV list; the box has not asked yet.</summary>
    PreRegistered,
    /// <summary>The box asked; a technician has not decided.</summary>
    Pending,
    Approved,
    Rejected,
}
