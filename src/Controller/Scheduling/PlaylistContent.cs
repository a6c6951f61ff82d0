namespace InfoRadio.Controller.Scheduling;

/// <summary>A playlist of the media library, by its id.</summary>
public sealed record PlaylistContent(string PlaylistId) : ProgramContent
{
    public override ProgramKind Kind => ProgramKind.Playlist;
    public override string? Validate() => Protocol.Identifiers.Check(PlaylistId, "playlist id");
}
