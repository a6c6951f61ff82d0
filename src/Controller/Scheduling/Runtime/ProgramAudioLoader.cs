using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// The audio a program airs, per kind: a media file, a playlist played end to end, a TTS bulletin's recording or
/// else its speech rendering (<see cref="ITtsBulletinRenderings"/>, rendered on a miss). Stream relays and live
/// slots have no audio to load until relay and live capture exist: they say so.
/// </summary>
public sealed class ProgramAudioLoader(IMediaAudioSource media, ITtsBulletinRenderings? speech = null)
{
    /// <summary>The audio, or null and why it cannot air.</summary>
    public (ProgramAudio? Audio, string? Problem) Load(BroadcastProgram program)
    {
        try
        {
            return program.Content switch
            {
                AudioFileContent file => Media(file.MediaId, "media"),
                PlaylistContent list => Playlist(list.PlaylistId),
                TtsBulletinContent { RecordedMediaId: { } recording } => Media(recording, "the bulletin's recording"),
                TtsBulletinContent bulletin when speech is not null => Rendering(bulletin, program.Title),
                TtsBulletinContent => (null, "the TTS bulletin has no recording and text-to-speech is not available"),
                StreamRelayContent relay => (null, $"stream relay of {relay.StreamUrl} cannot air yet: relay capture is not built (issue 5)"),
                LiveSlotContent => (null, "a live slot cannot air yet: live capture into scheduled slots is not built (issue 5)"),
                _ => (null, $"program kind {program.Kind} has nothing to load"),
            };
        }
        catch (AudioFormatException e)
        {
            return (null, $"the stored audio cannot be opened: {e.Message}");
        }
    }

    private (ProgramAudio?, string?) Media(string mediaId, string what) =>
        media.TryOpen(mediaId) is { } audio
            ? audio.SampleCount > 0 ? (audio, null) : (null, $"{what} {mediaId} has no audio")
            : (null, $"{what} {mediaId} is not in the media library");

    private (ProgramAudio?, string?) Rendering(TtsBulletinContent bulletin, string title)
    {
        var (mediaId, problem) = speech!.Ensure(bulletin, title);
        return mediaId is null
            ? (null, $"the TTS bulletin could not be rendered: {problem}")
            : Media(mediaId, "the bulletin's speech rendering");
    }

    private (ProgramAudio?, string?) Playlist(string playlistId) =>
        media.TryOpen(playlistId) is { } audio
            ? audio.SampleCount > 0 ? (audio, null) : (null, $"playlist {playlistId} has no audio")
            : (null, $"playlist {playlistId} does not exist");
}
