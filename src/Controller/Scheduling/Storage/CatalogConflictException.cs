namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>A change the catalog refuses because of what it holds: a duplicate id, or something still in use.</summary>
public sealed class CatalogConflictException(string message) : Exception(message);
