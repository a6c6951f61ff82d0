namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// One node of the administrative tree, by its official code (e.g. province 01, district 001, commune 00004).
/// The resolver walks <see cref="ParentCode"/> links only, so a tree without districts works as well.
/// </summary>
public sealed record AdministrativeArea(string Code, string Name, AdministrativeLevel Level, string? ParentCode = null);
