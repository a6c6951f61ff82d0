namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The programs and schedules read from an .ics file, or why it was refused. Import is all or nothing: when
/// <see cref="Errors"/> is not empty, <see cref="Programs"/> and <see cref="Schedules"/> are empty.
/// </summary>
public sealed record IcsImportResult(
    IReadOnlyList<BroadcastProgram> Programs,
    IReadOnlyList<Schedule> Schedules,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Errors.Count == 0;

    public static IcsImportResult Failure(params string[] errors) => new([], [], errors, []);
}
