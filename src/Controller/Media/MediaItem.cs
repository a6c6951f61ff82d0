namespace InfoRadio.Controller.Media;

/// <summary>One audio file of the library: what it is, where it came from, and the hash that proves it unchanged.</summary>
public sealed record MediaItem(
    string Id,
    string Title,
    string FileName,
    string Format,
    string SourceFormat,
    long SampleCount,
    long SizeBytes,
    string Sha256,
    DateTimeOffset UploadedAt,
    string Uploader)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / (double)Audio.DecodedAudio.SampleRate);
}
