namespace InfoRadio.Controller.Reports;

/// <summary>A device as the reports see it: where it stands now and since when it exists.</summary>
public sealed record ReportDevice(string Id, string? Name, string? VillageCode, DateTimeOffset CreatedAt);
