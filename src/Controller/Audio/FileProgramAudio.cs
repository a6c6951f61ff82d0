namespace InfoRadio.Controller.Audio;

/// <summary>
/// A stored audio file, decoded as it is read: its length and format are the ones recorded when it was accepted.
/// </summary>
public sealed class FileProgramAudio(string path, long sampleCount, string sourceFormat, AudioFileDecoder decoder) : ProgramAudio
{
    public string Path { get; } = path;
    public override long SampleCount { get; } = sampleCount;
    public override string SourceFormat { get; } = sourceFormat;

    /// <exception cref="AudioFormatException">The file is missing, unreadable or no longer audio.</exception>
    public override ProgramAudioReader Open()
    {
        FileStream file;
        try
        {
            file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 65_536);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException($"the file {System.IO.Path.GetFileName(Path)} cannot be read: {e.Message}", e);
        }
        return decoder.OpenStream(file, SampleCount);
    }
}
