namespace InfoRadio.Controller.Speech;

/// <summary>Text-to-speech could not produce audio; the message says why, for people and logs.</summary>
public sealed class SpeechSynthesisException(string message, Exception? inner = null) : Exception(message, inner);
