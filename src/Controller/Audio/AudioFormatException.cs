namespace InfoRadio.Controller.Audio;

/// <summary>
/// The input is not audio the controller can broadcast: unknown, corrupt, truncated, empty or too long.
/// The message is meant for the person who uploaded the file.
/// </summary>
public sealed class AudioFormatException : Exception
{
    public AudioFormatException(string message) : base(message) { }

    public AudioFormatException(string message, Exception innerException) : base(message, innerException) { }
}
