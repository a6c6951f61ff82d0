namespace InfoRadio.Controller.Speech;

/// <summary>
/// Section "Speech:Http": a TTS service reached over HTTP. The controller POSTs JSON
/// <c>{"text": "...", "voice": "...", "speed": 1.0}</c> and expects WAV or MP3 audio back.
/// </summary>
public sealed class HttpSpeechOptions
{
    public const string Section = "Speech:Http";

    /// <summary>Absolute http(s) URL of the synthesis endpoint.</summary>
    public string? Url { get; set; }

    /// <summary>Header that carries <see cref="ApiKey"/>, e.g. "X-Api-Key" or "Authorization".</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Secret sent in <see cref="ApiKeyHeader"/>; none when empty. Keep it out of files under version control.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The service's voice name per accent.</summary>
    public string NorthernVoice { get; set; } = "vi-north";
    public string CentralVoice { get; set; } = "vi-central";
    public string SouthernVoice { get; set; } = "vi-south";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Largest audio answer accepted.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    public string? Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"{Section}:Url must be an absolute http or https URL";
        if (string.IsNullOrWhiteSpace(ApiKeyHeader)) return $"{Section}:ApiKeyHeader is empty";
        if (TimeoutSeconds is < 1 or > 600) return $"{Section}:TimeoutSeconds must be between 1 and 600";
        if (MaxResponseBytes is < 1024 or > 1024L * 1024 * 1024) return $"{Section}:MaxResponseBytes must be between 1 KiB and 1 GiB";
        return null;
    }
}
