namespace InfoRadio.Controller.Cap;

/// <summary>An alert that cannot be put on air (no usable sound, no engine for it); the message says why.</summary>
public sealed class CapAirException(string message, Exception? inner = null) : Exception(message, inner);
