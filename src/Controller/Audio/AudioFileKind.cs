namespace InfoRadio.Controller.Audio;

/// <summary>The container an input's bytes show it to be (never guessed from a file name).</summary>
public enum AudioFileKind
{
    Unknown = 0,
    /// <summary>RIFF/RF64 WAVE.</summary>
    Wav,
    /// <summary>MPEG audio (MP3, or MP1/MP2), with or without an ID3v2 tag in front.</summary>
    Mpeg,
}
