namespace InfoRadio.Controller.Scheduling;

/// <summary>The kind-specific part of a program: what to fetch or say when it airs.</summary>
public abstract record ProgramContent
{
    public abstract ProgramKind Kind { get; }

    /// <summary>Null when the content is usable, else why not.</summary>
    public abstract string? Validate();
}
