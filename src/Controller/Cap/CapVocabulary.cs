using System.Globalization;
using System.Text.RegularExpressions;

namespace InfoRadio.Controller.Cap;

/// <summary>The closed value lists and text forms of CAP 1.2 (OASIS CAP 1.2 §3.2), case-sensitive as the spec is.</summary>
public static partial class CapVocabulary
{
    public static readonly IReadOnlyList<string> Statuses = ["Actual", "Exercise", "System", "Test", "Draft"];
    public static readonly IReadOnlyList<string> MsgTypes = ["Alert", "Update", "Cancel", "Ack", "Error"];
    public static readonly IReadOnlyList<string> Scopes = ["Public", "Restricted", "Private"];
    public static readonly IReadOnlyList<string> Categories = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];
    public static readonly IReadOnlyList<string> ResponseTypes = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"];
    public static readonly IReadOnlyList<string> Urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"];
    public static readonly IReadOnlyList<string> Severities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];
    public static readonly IReadOnlyList<string> Certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];

    /// <summary>
    /// CAP's dateTime: "2002-05-24T16:49:00-07:00", seconds required, an explicit numeric offset ("-00:00" for UTC; the
    /// spec forbids "Z") and, as the CAP 1.2 schema pattern has it, no fractional seconds.
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>identifier and sender: no spaces, commas or the restricted characters &lt; and &amp; (CAP 1.2 §3.2.1).</summary>
    public static bool IsToken(string? text) =>
        !string.IsNullOrEmpty(text) && !text.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&' || char.IsControl(c));

    public static bool IsLanguageTag(string text) => LanguagePattern().IsMatch(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
