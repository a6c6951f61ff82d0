using System.Text.RegularExpressions;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Abbreviations that commune and disaster bulletins use, spelled out. Matched case-sensitively as whole words:
/// "UBND" is always the people's committee, while a lone "P." or "Q." only counts before a name or a number
/// ("P. Bến Nghé", "Q.1"), so a sentence ending in a capital letter is left alone.
/// </summary>
public static partial class VietnameseAbbreviations
{
    /// <summary>Whole-word acronyms, longest first where one is the start of another.</summary>
    public static IReadOnlyList<(string Abbreviation, string Spoken)> Words { get; } =
    [
        ("UBND", "ủy ban nhân dân"),
        ("HĐND", "hội đồng nhân dân"),
        ("UBMTTQ", "ủy ban mặt trận tổ quốc"),
        ("MTTQ", "mặt trận tổ quốc"),
        ("PCTT&TKCN", "phòng chống thiên tai và tìm kiếm cứu nạn"),
        ("PCTT", "phòng chống thiên tai"),
        ("TKCN", "tìm kiếm cứu nạn"),
        ("PCCC", "phòng cháy chữa cháy"),
        ("BCH", "ban chỉ huy"),
        ("BCĐ", "ban chỉ đạo"),
        ("THCS", "trung học cơ sở"),
        ("THPT", "trung học phổ thông"),
        ("KTTV", "khí tượng thủy văn"),
        ("ATNĐ", "áp thấp nhiệt đới"),
        ("CSGT", "cảnh sát giao thông"),
        ("TTYT", "trung tâm y tế"),
        ("HTX", "hợp tác xã"),
        ("SĐT", "số điện thoại"),
        ("HCM", "Hồ Chí Minh"),
        ("TP", "thành phố"),
        ("Tp", "thành phố"),
        ("TX", "thị xã"),
        ("TT", "thị trấn"),
        ("QL", "quốc lộ"),
        ("TL", "tỉnh lộ"),
        ("ĐH", "đường huyện"),
    ];

    /// <summary>Single-letter abbreviations with a dot, read only before a name or a number.</summary>
    public static IReadOnlyList<(string Letter, string Spoken)> Initials { get; } =
    [
        ("Q", "quận"),
        ("P", "phường"),
        ("H", "huyện"),
        ("X", "xã"),
    ];

    /// <summary>Spells out every abbreviation in <paramref name="text"/>.</summary>
    public static string Expand(string text)
    {
        text = Etc().Replace(text, "vân vân");
        foreach (var (pattern, spoken) in Patterns) text = pattern.Replace(text, spoken);
        return text;
    }

    /// <summary>Built once: more patterns than the static Regex cache holds.</summary>
    private static readonly (Regex Pattern, string Spoken)[] Patterns =
    [
        // A dotted form ("TP.", "TX.") may run straight into the name ("TP.HCM"); a road number may be glued to its
        // prefix ("QL1A").
        .. Words.Select(w => (Compile($@"(?<![\p{{L}}\d]){Regex.Escape(w.Abbreviation)}(?:\.(?=\s*[\p{{Lu}}\d])|(?=\d)|(?![\p{{L}}\d]))"), w.Spoken + " ")),
        .. Initials.Select(i => (Compile($@"(?<![\p{{L}}\d.]){i.Letter}\.(?=\s?[\p{{Lu}}\d])"), i.Spoken + " ")),
    ];

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"(?<![\p{L}])v\.v(?=\.)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Etc();
}
