namespace InfoRadio.Controller.Targets;

/// <summary>A named set of devices (zones may overlap); the id appears in topics, so it follows the id rules.</summary>
public sealed record Zone(string Id, string Name);
