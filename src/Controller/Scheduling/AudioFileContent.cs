namespace InfoRadio.Controller.Scheduling;

/// <summary>One file of the media library, by its id.</summary>
public sealed record AudioFileContent(string MediaId) : ProgramContent
{
    public override ProgramKind Kind => ProgramKind.AudioFile;
    public override string? Validate() => Protocol.Identifiers.Check(MediaId, "media id");
}
