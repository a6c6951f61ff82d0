namespace InfoRadio.Controller.Enrollment;

/// <summary>One record of a CSV text: the line it starts on (1-based), its fields, or why it could not be read.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);
