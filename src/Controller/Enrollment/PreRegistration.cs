namespace InfoRadio.Controller.Enrollment;

/// <summary>One checked line of a pre-registration list: where the box with this serial will stand.</summary>
public sealed record PreRegistration(string Serial, string? Name, string? Village, double? Latitude, double? Longitude, IReadOnlyList<string> Zones);
