namespace InfoRadio.Controller.Scheduling;

/// <summary>A scheduling request that cannot be carried out as asked; the message says why, for the user.</summary>
public sealed class SchedulingException(string message) : Exception(message);
