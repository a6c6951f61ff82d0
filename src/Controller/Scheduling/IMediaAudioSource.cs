using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The media library as the scheduler sees it: the audio of a stored item or playlist, ready to broadcast. Airing a
/// slot opens its program's audio through this at slot time, so the library stays the only owner of the files.
/// </summary>
public interface IMediaAudioSource
{
    /// <summary>
    /// The item's (or playlist's) audio as a stream decoded while it airs, its length known from the catalogue; null
    /// when no item or playlist has that id. Throws <see cref="AudioFormatException"/> when a file is missing; a
    /// file that turns out corrupt fails while it is read.
    /// </summary>
    ProgramAudio? TryOpen(string mediaId);
}
