using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Decoded media and playlists held in memory: the default until the media library is registered, and what tests
/// and the schedule benchmark's seed use.
/// </summary>
public sealed class InMemoryMediaLibrary : IMediaAudioSource, IPlaylistSource
{
    private readonly ConcurrentDictionary<string, DecodedAudio> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _playlists = new(StringComparer.Ordinal);

    public void Put(string mediaId, DecodedAudio audio) => _media[mediaId] = audio;

    public void PutPlaylist(string playlistId, IEnumerable<string> mediaIds) => _playlists[playlistId] = mediaIds.ToArray();

    public DecodedAudio? TryLoad(string mediaId) => _media.GetValueOrDefault(mediaId);

    public IReadOnlyList<string>? TryItems(string playlistId) => _playlists.GetValueOrDefault(playlistId);
}
