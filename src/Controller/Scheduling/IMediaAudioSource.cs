using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The media library as the scheduler sees it: the decoded audio of a stored item, ready to broadcast. Airing a
/// slot loads its program's audio through this at slot time, so the library stays the only owner of the files.
/// </summary>
public interface IMediaAudioSource
{
    /// <summary>The item's audio, or null when no item has that id. Throws <see cref="AudioFormatException"/> when the stored file no longer decodes.</summary>
    DecodedAudio? TryLoad(string mediaId);
}
