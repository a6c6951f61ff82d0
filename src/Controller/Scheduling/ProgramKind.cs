namespace InfoRadio.Controller.Scheduling;

/// <summary>What a program airs; each kind has its own <see cref="ProgramContent"/> record.</summary>
public enum ProgramKind
{
    /// <summary>One audio file from the media library.</summary>
    AudioFile,
    /// <summary>A playlist from the media library.</summary>
    Playlist,
    /// <summary>A bulletin read by text-to-speech; the text is kept.</summary>
    TtsBulletin,
    /// <summary>Relay of an internet radio stream (tiếp sóng).</summary>
    StreamRelay,
    /// <summary>A slot reserved for a live announcement from a microphone.</summary>
    LiveSlot,
}
