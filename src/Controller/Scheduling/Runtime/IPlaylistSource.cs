namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>The media library's playlists as the scheduler sees them: the media ids of a playlist, in play order.</summary>
public interface IPlaylistSource
{
    /// <summary>The playlist's items, or null when no playlist has that id.</summary>
    IReadOnlyList<string>? TryItems(string playlistId);
}
