namespace InfoRadio.Controller.Broadcasting;

/// <summary>The controller already runs as many sessions of a kind as it is configured to.</summary>
public sealed class BroadcastCapacityException(string message) : Exception(message);
