using System.Globalization;
using System.Text;

namespace InfoRadio.Controller.Scheduling;

/// <summary>The iCalendar extension properties that carry what RFC 5545 has no words for, and their value spellings.</summary>
internal static class IcsNames
{
    public const string ProductId = "-//InfoRadio//Commune broadcast calendar 1.0//EN";
    public const string UidSuffix = "@inforadio";

    public const string Schedule = "X-INFORADIO-SCHEDULE";
    public const string Line = "X-INFORADIO-LINE";
    public const string Program = "X-INFORADIO-PROGRAM";
    public const string Kind = "X-INFORADIO-KIND";
    public const string Media = "X-INFORADIO-MEDIA";
    public const string StreamUrl = "X-INFORADIO-STREAM-URL";
    public const string Voice = "X-INFORADIO-VOICE";
    public const string Speed = "X-INFORADIO-SPEED";
    public const string Class = "X-INFORADIO-CLASS";
    public const string Origin = "X-INFORADIO-ORIGIN";
    public const string Preemption = "X-INFORADIO-PREEMPTION";
    public const string Clash = "X-INFORADIO-CLASH";
    public const string ApprovalRequired = "X-INFORADIO-APPROVAL-REQUIRED";
    public const string Devices = "X-INFORADIO-DEVICES";
    public const string Zones = "X-INFORADIO-ZONES";
    public const string Areas = "X-INFORADIO-AREAS";
    public const string Cancelled = "X-INFORADIO-CANCELLED";

    public const string UtcFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Enum member as a lower-case, hyphenated token: TtsBulletin → tts-bulletin.</summary>
    public static string Token<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    public static bool TryParse<T>(string? token, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Token(candidate), token?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Tokens<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Token));

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

    public static bool TryParseUtc(string? text, out DateTimeOffset instant)
    {
        var ok = DateTime.TryParseExact(text?.Trim(), UtcFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc);
        instant = ok ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : default;
        return ok;
    }
}
