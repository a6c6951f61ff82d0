using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Relay;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// The audio a program airs, per kind: a media file, a playlist played end to end, a TTS bulletin's recording or
/// else its speech rendering (<see cref="ITtsBulletinRenderings"/>, rendered on a miss), a stream relay lasting the
/// slot. Live slots have no audio to load until live capture into slots exists: they say so.
/// A relay is not connected here (that would hold the scheduler's loop): it connects when its session opens it, and a
/// source that cannot be reached then still airs (its fallback, or silence, while it is retried). Missing the slot
/// instead would leave the speakers with nothing and the listeners with no word of why; airing keeps the slot's place
/// and the record says what failed.
/// </summary>
public sealed class ProgramAudioLoader(
    IMediaAudioSource media, ITtsBulletinRenderings? speech = null, RelayRuntime? relays = null, RelayService? relayStatus = null)
{
    /// <summary>The audio of a slot about to air: a relay lasts what is left of the slot (it may be joined late).</summary>
    public (ProgramAudio? Audio, string? Problem) Load(PlannedSlot slot)
    {
        if (slot.Program.Content is not StreamRelayContent relay) return Load(slot.Program);
        if (relays is null) return (null, $"stream relay of {relay.StreamUrl} cannot air: relays are not set up in this controller");
        var key = slot.Slot.Key.ToString();
        var audio = relays.Create(new Uri(relay.StreamUrl), slot.PlayDuration, relay.FallbackMediaId, key);
        relayStatus?.Track(key, "scheduled", slot.Program.Title, audio);
        return (audio, null);
    }

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
                StreamRelayContent relay when relays is not null =>
                    (relays.Create(new Uri(relay.StreamUrl), program.Duration, relay.FallbackMediaId, program.Id), null),
                StreamRelayContent relay => (null, $"stream relay of {relay.StreamUrl} cannot air: relays are not set up in this controller"),
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
