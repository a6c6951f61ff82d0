using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Decoded media and playlists held in memory, for tests.
/// </summary>
public sealed class InMemoryMediaLibrary : IMediaAudioSource
{
    private readonly ConcurrentDictionary<string, DecodedAudio> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _playlists = new(StringComparer.Ordinal);

    public void Put(string mediaId, DecodedAudio audio) => _media[mediaId] = audio;

    public void PutPlaylist(string playlistId, IEnumerable<string> mediaIds) => _playlists[playlistId] = mediaIds.ToArray();

    /// <summary>An item, or a playlist's items opened one after another, as the media library does.</summary>
    public ProgramAudio? TryOpen(string mediaId)
    {
        if (_media.TryGetValue(mediaId, out var audio)) return ProgramAudio.InMemory(audio);
        if (!_playlists.TryGetValue(mediaId, out var items)) return null;
        var parts = items.Select(i => _media.GetValueOrDefault(i) is { } part
            ? ProgramAudio.InMemory(part)
            : throw new AudioFormatException($"playlist '{mediaId}' names media '{i}', which is gone")).ToArray();
        return ProgramAudio.Sequence(parts, $"playlist of {parts.Length} items");
    }
}
