namespace InfoRadio.Controller.Scheduling;

/// <summary>Where a device stands: its village (by official code, if known) and the zones it is in.</summary>
public sealed record DevicePlacement(string DeviceId, string? VillageCode, IReadOnlyCollection<string> Zones);
