namespace InfoRadio.Controller.Speech;

/// <summary>Section "Speech:EspeakNg": the built-in engine, the <c>espeak-ng</c> program.</summary>
public sealed class EspeakNgOptions
{
    public const string Section = "Speech:EspeakNg";

    /// <summary>The program, found on PATH unless a full path is given.</summary>
    public string Executable { get; set; } = "espeak-ng";

    /// <summary>Words per minute at speed 1.0 (espeak-ng's own default is 175, a little fast for announcements).</summary>
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>Longest one chunk may take to render.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public string NorthernVoice { get; set; } = "vi";
    public string CentralVoice { get; set; } = "vi-vn-x-central";
    public string SouthernVoice { get; set; } = "vi-vn-x-south";

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Executable)) return $"{Section}:Executable is empty";
        if (WordsPerMinute is < 60 or > 400) return $"{Section}:WordsPerMinute must be between 60 and 400";
        if (TimeoutSeconds is < 1 or > 600) return $"{Section}:TimeoutSeconds must be between 1 and 600";
        foreach (var v in new[] { NorthernVoice, CentralVoice, SouthernVoice })
            if (string.IsNullOrWhiteSpace(v) || v.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/')))
                return $"{Section}: voice names are espeak-ng voice ids (letters, digits, - _ + /)";
        return null;
    }
}
