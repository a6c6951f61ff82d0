namespace InfoRadio.Protocol.Messages;

/// <summary>
/// What is scheduled next for the devices of a desired-state topic: for displays, logs and technicians. A device
/// plays nothing because of it; the session comes in desired state when it is due.
/// </summary>
public sealed record NextItem : IValidatable
{
    public required string Title { get; init; }
    /// <summary>The program's id on the controller.</summary>
    public required string Program { get; init; }
    /// <summary>Controller time (unix µs) the item is due to start sounding.</summary>
    public required long StartUs { get; init; }

    public string? Validate() => Check.First(
        Check.Text(Title, 200, "title", required: true),
        Identifiers.Check(Program, "program"),
        Check.Timestamp(StartUs, "startUs"));
}
