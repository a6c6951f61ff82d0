namespace InfoRadio.Controller.Scheduling;

/// <summary>Bounds on an imported .ics file, so that a hostile or broken file costs little and fails clearly.</summary>
public sealed class IcsLimits
{
    /// <summary>Largest file accepted, in characters (UTF-16 code units; about the byte count for ASCII-heavy files).</summary>
    public int MaxChars { get; set; } = 1024 * 1024;

    /// <summary>Most VEVENTs in one file.</summary>
    public int MaxEvents { get; set; } = 2000;

    /// <summary>Longest physical line (RFC 5545 folds at 75 octets; generous for tools that do not fold).</summary>
    public int MaxLineLength { get; set; } = 16 * 1024;

    /// <summary>Deepest nesting of components: VCALENDAR › VEVENT › VALARM, VCALENDAR › VTIMEZONE › STANDARD.</summary>
    public int MaxDepth { get; set; } = 3;

    /// <summary>Most errors listed in one answer; the rest are counted.</summary>
    public int MaxErrors { get; set; } = 50;
}
