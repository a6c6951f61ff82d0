namespace InfoRadio.Controller.Broadcasting;

/// <summary>A broadcast request that cannot be carried out as asked (unknown target, no speakers…).</summary>
public sealed class BroadcastRequestException(string message) : Exception(message);
