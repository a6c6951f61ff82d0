namespace InfoRadio.Controller.SoundCard;

/// <summary>The sound card is already on air: one session at a time.</summary>
public sealed class SoundCardBusyException(string message) : Exception(message);
