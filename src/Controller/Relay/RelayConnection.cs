namespace InfoRadio.Controller.Relay;

/// <summary>An open source: its MP3 bytes (metadata stripped), what it calls itself, and the response to close.</summary>
public sealed class RelayConnection(HttpResponseMessage response, Stream audio, IcyMetadataStream? icy, string? stationName, string contentType)
    : IDisposable
{
    public Stream Audio { get; } = audio;
    public string? StationName { get; } = stationName;
    public string ContentType { get; } = contentType;

    /// <summary>The title the source announces now (ICY metadata); null when it announces none.</summary>
    public string? StreamTitle => icy?.StreamTitle;

    public void Dispose()
    {
        Audio.Dispose();
        response.Dispose();
    }
}
