namespace InfoRadio.Controller.Relay;

/// <summary>A relay's health as the API shows it.</summary>
public sealed record RelayHealthView(
    string Url,
    string State,
    bool Connected,
    int Connections,
    int Failures,
    int Fallbacks,
    int Recoveries,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    string? SourceFormat,
    string? StationName,
    string? StreamTitle,
    string? FallbackMediaId,
    long DroppedMs,
    long FilledMs);
