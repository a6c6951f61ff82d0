namespace InfoRadio.Controller.Enrollment;

public enum EnrollmentError
{
    NotFound,
    /// <summary>The request does not fit the record's state (already approved, not asked yet, id taken...).</summary>
    Conflict,
    Invalid,
}

/// <summary>An approval, rejection or import that cannot be carried out; the message says why.</summary>
public sealed class EnrollmentException(EnrollmentError error, string message) : Exception(message)
{
    public EnrollmentError Error { get; } = error;
}
