namespace InfoRadio.Controller.SoundCard;

/// <summary>arecord could not be started, or ended before it delivered any audio (no such device, device busy…).</summary>
public sealed class SoundCardStartException(string message, Exception? inner = null) : Exception(message, inner);
