namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// What a technician decides on approval. Null fields take their default: the id derived from the serial, and the
/// pre-registered name, village and zones.
/// </summary>
public sealed record ApprovalChoice(string? Id = null, string? Name = null, string? Village = null, IReadOnlyList<string>? Zones = null);
