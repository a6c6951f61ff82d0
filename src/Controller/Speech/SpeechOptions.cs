namespace InfoRadio.Controller.Speech;

/// <summary>Section "Speech": which engine speaks and how bulletins are cut and joined.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";
    public const string EspeakNg = "espeak-ng";
    public const string Http = "http";

    /// <summary><c>espeak-ng</c> (built in) or <c>http</c> (a cloud or local TTS service, section Speech:Http).</summary>
    public string Engine { get; set; } = EspeakNg;

    /// <summary>Longest piece of text sent to the engine at once; longer sentences are cut at commas, then spaces.</summary>
    public int MaxChunkCharacters { get; set; } = 400;

    /// <summary>Silence between two sentences of a bulletin.</summary>
    public int SentencePauseMs { get; set; } = 350;

    /// <summary>Renders run at the same time, at most (espeak-ng takes a core while it runs).</summary>
    public int MaxConcurrentRenders { get; set; } = 1;

    /// <summary>
    /// When a scheduled bulletin has no rendering at its lead time, the scheduler renders it then, waiting this long
    /// at most; keep it below Scheduling:Runtime:LeadTime.
    /// </summary>
    public int RenderOnMissTimeoutSeconds { get; set; } = 8;

    /// <summary>Render TTS bulletins in the background as soon as they are created or changed.</summary>
    public bool PrerenderBulletins { get; set; } = true;

    public string? Validate()
    {
        if (Engine is not (EspeakNg or Http)) return $"{Section}:Engine must be '{EspeakNg}' or '{Http}'";
        if (MaxChunkCharacters is < 40 or > 5000) return $"{Section}:MaxChunkCharacters must be between 40 and 5000";
        if (SentencePauseMs is < 0 or > 5000) return $"{Section}:SentencePauseMs must be between 0 and 5000";
        if (MaxConcurrentRenders is < 1 or > 16) return $"{Section}:MaxConcurrentRenders must be between 1 and 16";
        if (RenderOnMissTimeoutSeconds is < 1 or > 600) return $"{Section}:RenderOnMissTimeoutSeconds must be between 1 and 600";
        return null;
    }
}
