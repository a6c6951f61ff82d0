using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// Which programs a device can play from its cache, and the identity of their audio: stored audio only (a media
/// file, a playlist, a TTS bulletin's recording or speech rendering), never a relay or a live slot. The identity
/// names the library items by their own SHA-256 and the encoder settings, so an edit of either makes new content.
/// </summary>
public sealed class ContentSources(MediaLibrary media, ITtsBulletinRenderings? speech = null)
{
    /// <summary>The source's identity and how to open its audio; null and why when it cannot be cached.</summary>
    public (string? Key, Func<ProgramAudio>? Open, string? Problem) For(BroadcastProgram program, OpusEncoderSettings settings)
    {
        var (key, problem) = program.Content switch
        {
            AudioFileContent file => MediaKey(file.MediaId),
            PlaylistContent list => PlaylistKey(list.PlaylistId),
            TtsBulletinContent { RecordedMediaId: { } recording } => MediaKey(recording),
            TtsBulletinContent bulletin when speech is not null => Rendering(bulletin, program.Title),
            _ => (null, $"a {program.Kind} program is not stored audio"),
        };
        if (key is null) return (null, null, problem);
        var mediaId = key.Split(':')[1];
        var encoding = $"|opus:{settings.Application}:{settings.BitrateBps}:{settings.FrameSamples}:{settings.Complexity}:{settings.UseDtx}";
        return (key + encoding, () => media.TryOpen(mediaId) ?? throw new AudioFormatException($"{mediaId} is no longer in the media library"), null);
    }

    private (string?, string?) MediaKey(string mediaId) =>
        media.Find(mediaId) is { } item ? ($"media:{item.Id}:{item.Sha256}", null) : (null, $"media {mediaId} is not in the library");

    private (string?, string?) PlaylistKey(string playlistId)
    {
        if (media.FindPlaylist(playlistId) is not { } list) return (null, $"playlist {playlistId} does not exist");
        var hashes = new List<string>();
        foreach (var id in list.Items)
        {
            if (media.Find(id) is not { } item) return (null, $"playlist {playlistId}: media {id} is not in the library");
            hashes.Add(item.Sha256);
        }
        return ($"playlist:{list.Id}:{string.Join(',', hashes)}", null);
    }

    private (string?, string?) Rendering(TtsBulletinContent bulletin, string title)
    {
        var (mediaId, problem) = speech!.Ensure(bulletin, title);
        return mediaId is null ? (null, $"the bulletin could not be rendered: {problem}") : MediaKey(mediaId);
    }
}
