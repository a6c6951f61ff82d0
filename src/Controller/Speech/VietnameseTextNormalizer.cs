using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Turns bulletin text into words a speech engine reads correctly: abbreviations, dates ("ngày 2/9"), times
/// ("15h30", "15:30", "7 giờ 15"), ranges ("20-25"), negative temperatures, units after numbers (km/h, mm, °C, %,
/// m³/s…), and numbers the Vietnamese way ("1.500" is a thousand five hundred, "2,5" is "hai phẩy năm"). Pure and
/// total: any text in, text out, never an exception. Passes run in a fixed order, each one leaving words the
/// later ones do not touch.
/// </summary>
public static partial class VietnameseTextNormalizer
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const int TimeoutMs = 2000;

    /// <param name="southern">Southern reading of numbers ("lẻ", "ngàn") for the southern voice.</param>
    public static string Normalize(string? text, bool southern = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = Clean(text);
        try
        {
            s = VietnameseAbbreviations.Expand(s);
            s = DatesWithYear(s, southern);
            s = DayRanges(s, southern);
            s = DatesAfterDayWords(s, southern);
            s = MonthYear(s, southern);
            s = Times(s, southern);
            s = Ranges().Replace(s, "$1 đến ");
            s = TimeRanges().Replace(s, " đến ");
            s = Negatives().Replace(s, "$1âm ");
            s = Units(s);
            s = Numbers(s, southern);
            s = Symbols(s);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input: say it as it is rather than not at all.
        }
        return Tidy(s);
    }

    /// <summary>Composed letters, no control characters, one kind of degree sign and minus.</summary>
    private static string Clean(string text)
    {
        var nfc = VietnameseComposition.Compose(text);
        var sb = new StringBuilder(nfc.Length);
        foreach (var c in nfc)
        {
            sb.Append(c switch
            {
                '\n' or '\r' => '\n',
                _ when char.IsControl(c) || char.IsSurrogate(c) => ' ',
                'º' or '˚' => '°',
                '−' => '-',
                '\u00A0' or '\u2009' or '\u202F' => ' ',
                _ => c,
            });
        }
        return sb.ToString();
    }

    private static string DatesWithYear(string s, bool southern) => DateWithYear().Replace(s, m =>
    {
        int day = int.Parse(m.Groups["d"].Value), month = int.Parse(m.Groups["m"].Value);
        if (!IsDate(day, month)) return m.Value;
        var prefix = m.Groups["ngay"].Success ? m.Groups["ngay"].Value : "ngày ";
        return $"{prefix}{Day(day, southern)} tháng {Month(month, southern)} năm {VietnameseNumberReader.Read(int.Parse(m.Groups["y"].Value), southern)}";
    });

    /// <summary>"ngày 2-3/9" → "ngày hai đến ngày ba tháng chín".</summary>
    private static string DayRanges(string s, bool southern) => DayRange().Replace(s, m =>
    {
        int a = int.Parse(m.Groups["a"].Value), b = int.Parse(m.Groups["b"].Value), month = int.Parse(m.Groups["m"].Value);
        if (!IsDate(a, month) || !IsDate(b, month)) return m.Value;
        return $"{m.Groups["w"].Value} {Day(a, southern)} đến ngày {Day(b, southern)} tháng {Month(month, southern)}";
    });

    /// <summary>"d/m" is a date only after a word that announces one; elsewhere it may be a fraction or a code.</summary>
    private static string DatesAfterDayWords(string s, bool southern) => DateAfterDayWord().Replace(s, m =>
    {
        int day = int.Parse(m.Groups["d"].Value), month = int.Parse(m.Groups["m"].Value);
        if (!IsDate(day, month)) return m.Value;
        var word = m.Groups["w"].Value;
        var ngay = word.Equals("ngày", StringComparison.OrdinalIgnoreCase) ? "" : " ngày";
        return $"{word}{ngay} {Day(day, southern)} tháng {Month(month, southern)}";
    });

    private static string MonthYear(string s, bool southern) => MonthSlashYear().Replace(s, m =>
    {
        var month = int.Parse(m.Groups["m"].Value);
        if (month is < 1 or > 12) return m.Value;
        return $"{m.Groups["w"].Value} {Month(month, southern)} năm {VietnameseNumberReader.Read(int.Parse(m.Groups["y"].Value), southern)}";
    });

    private static string Times(string s, bool southern)
    {
        s = ClockTime().Replace(s, m =>
        {
            int h = int.Parse(m.Groups["h"].Value), min = int.Parse(m.Groups["min"].Value);
            if (h > 24 || min > 59) return m.Value;
            var hour = VietnameseNumberReader.Read(h, southern) + " giờ";
            return min == 0 ? hour : $"{hour} {VietnameseNumberReader.Read(min, southern)} phút";
        });
        s = HourOnly().Replace(s, m => int.Parse(m.Groups["h"].Value) > 24
            ? m.Value
            : VietnameseNumberReader.Read(int.Parse(m.Groups["h"].Value), southern) + " giờ");
        // "7 giờ 15" says its minutes without the word; "7 giờ 15 phút" already has it.
        return SpokenHourMinutes().Replace(s, m => int.Parse(m.Groups["min"].Value) > 59
            ? m.Value
            : $"{m.Groups["h"].Value} giờ {VietnameseNumberReader.Read(int.Parse(m.Groups["min"].Value), southern)} phút");
    }

    private static string Units(string s) => Unit().Replace(s, m => " " + SpokenUnit(m.Groups["u"].Value) + " ");

    private static string SpokenUnit(string unit) => unit switch
    {
        "km/h" or "km/giờ" => "ki-lô-mét một giờ",
        "m/s" => "mét trên giây",
        "m³/s" or "m3/s" => "mét khối trên giây",
        "km²" or "km2" => "ki-lô-mét vuông",
        "m²" or "m2" => "mét vuông",
        "m³" or "m3" => "mét khối",
        "km" => "ki-lô-mét",
        "cm" => "xăng-ti-mét",
        "mm" => "mi-li-mét",
        "m" => "mét",
        "kg" => "ki-lô-gam",
        "ha" => "héc-ta",
        "°C" => "độ C",
        "°" => "độ",
        "%" => "phần trăm",
        "hPa" => "héc-tô-pát-xcan",
        "mb" => "mi-li-ba",
        "kWh" => "ki-lô-oát giờ",
        _ => unit,
    };

    private static string Numbers(string s, bool southern) => Number().Replace(s, m =>
    {
        var before = m.Groups["before"].Value;
        var value = m.Groups["n"].Value;
        // Ordinals and month names: "thứ 4" is "thứ tư", "tháng 4" is "tháng tư", "thứ 1" is "thứ nhất".
        if (before.Length > 0 && value is "4" or "1")
        {
            var word = before.TrimEnd().ToLowerInvariant();
            if (value == "4" && word is "thứ" or "tháng") return before + "tư ";
            if (value == "1" && word == "thứ") return before + "nhất ";
        }
        // Spaced, so "1A" reads "một A"; the tidy pass removes what is extra.
        return before + " " + ReadNumber(value, southern) + " ";
    });

    /// <summary>
    /// '.' groups thousands and ',' marks decimals in Vietnamese ("1.500", "2,5"); English-style text is read
    /// sensibly too: a dot not followed by exactly three digits is a decimal point, several commas group thousands.
    /// </summary>
    internal static string ReadNumber(string token, bool southern)
    {
        if (token.Contains('/'))
        {
            var parts = token.Split('/');
            return string.Join(" trên ", parts.Select(p => ReadNumber(p, southern)));
        }
        if (ViThousands().IsMatch(token)) return ReadInteger(token.Replace(".", "").Split(',')[0], southern) + Decimals(token.Split(',').ElementAtOrDefault(1), southern);
        if (EnThousands().IsMatch(token)) return ReadInteger(token.Replace(",", "").Split('.')[0], southern) + Decimals(token.Split('.').ElementAtOrDefault(1), southern);
        var separators = token.Count(c => c is '.' or ',');
        if (separators == 1)
        {
            var at = token.IndexOfAny(['.', ',']);
            return ReadInteger(token[..at], southern) + Decimals(token[(at + 1)..], southern);
        }
        // Versions, codes, IP-like runs: digit groups one after another.
        return string.Join(" chấm ", token.Split('.', ',').Where(p => p.Length > 0).Select(p => VietnameseNumberReader.ReadDigitString(p, southern)));
    }

    private static string ReadInteger(string digits, bool southern) => VietnameseNumberReader.ReadDigitString(digits, southern);

    private static string Decimals(string? digits, bool southern) =>
        string.IsNullOrEmpty(digits) ? "" : " phẩy " + VietnameseNumberReader.ReadFraction(digits, southern);

    private static string Symbols(string s)
    {
        s = s.Replace("&", " và ").Replace("+", " cộng ").Replace("@", " a còng ");
        // A dash between words is a pause, not a word.
        s = Bullets().Replace(s, "");
        s = Dashes().Replace(s, ", ");
        // What is left of markup and separators is not read aloud.
        return Noise().Replace(s, " ");
    }

    private static string Tidy(string s)
    {
        s = Spaces().Replace(s, " ");
        s = SpaceBeforePunctuation().Replace(s, "$1");
        s = SpaceAfterParenthesis().Replace(s, "(");
        s = BlankLines().Replace(s, "\n");
        return s.Trim();
    }

    private static bool IsDate(int day, int month) => day is >= 1 and <= 31 && month is >= 1 and <= 12;

    private static string Day(int day, bool southern) => VietnameseNumberReader.Read(day, southern);

    private static string Month(int month, bool southern) => month == 4 ? "tư" : VietnameseNumberReader.Read(month, southern);

    [GeneratedRegex(@"(?<ngay>(?i:ngày)\s+)?(?<![\d/.\-])(?<d>\d{1,2})(?<sep>[/.\-])(?<m>\d{1,2})\k<sep>(?<y>\d{4})(?![\d/])", Options, TimeoutMs)]
    private static partial Regex DateWithYear();

    [GeneratedRegex(@"(?<w>(?i:ngày))\s+(?<a>\d{1,2})\s*[-–]\s*(?<b>\d{1,2})/(?<m>\d{1,2})(?![\d/])", Options, TimeoutMs)]
    private static partial Regex DayRange();

    [GeneratedRegex(@"(?<w>(?i:ngày|hôm|đêm|sáng|trưa|chiều|tối))\s+(?<d>\d{1,2})/(?<m>\d{1,2})(?![\d/])", Options, TimeoutMs)]
    private static partial Regex DateAfterDayWord();

    [GeneratedRegex(@"(?<w>(?i:tháng))\s+(?<m>\d{1,2})/(?<y>\d{4})(?![\d/])", Options, TimeoutMs)]
    private static partial Regex MonthSlashYear();

    [GeneratedRegex(@"(?<![\d.,:/])(?<h>\d{1,2})\s?(?:[hg]|:)\s?(?<min>\d{2})(?:'|p\b)?(?![\d:/.,]\d)", Options, TimeoutMs)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?<![\d.,:/\p{L}])(?<h>\d{1,2})\s?h(?![\p{L}\d])", Options, TimeoutMs)]
    private static partial Regex HourOnly();

    [GeneratedRegex(@"(?<![\d.,])(?<h>\d{1,2}) giờ (?<min>\d{1,2})(?![\d.,]|\s*phút)", Options, TimeoutMs)]
    private static partial Regex SpokenHourMinutes();

    [GeneratedRegex(@"(?<![\d.,/])(\d+(?:[.,]\d+)*)\s*[-–]\s*(?=\d)", Options, TimeoutMs)]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<=giờ|phút)\s*[-–]\s*(?=\p{L})", Options, TimeoutMs)]
    private static partial Regex TimeRanges();

    [GeneratedRegex(@"(^|[\s(:;,])[-–](?=\d)", Options, TimeoutMs)]
    private static partial Regex Negatives();

    [GeneratedRegex(@"(?<=\d)\s?(?<u>km/h|km/giờ|m³/s|m3/s|m/s|km²|km2|m²|m2|m³|m3|kWh|km|cm|mm|kg|ha|hPa|mb|m|°C|°|%)(?![\p{L}\d])", Options, TimeoutMs)]
    private static partial Regex Unit();

    [GeneratedRegex(@"(?<before>(?i:thứ|tháng)\s+)?(?<n>\d+(?:[.,/]\d+)*)", Options, TimeoutMs)]
    private static partial Regex Number();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$", Options, TimeoutMs)]
    private static partial Regex ViThousands();

    [GeneratedRegex(@"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$", Options, TimeoutMs)]
    private static partial Regex EnThousands();

    [GeneratedRegex(@"[*#_~^<>|\\=\[\]{}""“”`/]+", Options, TimeoutMs)]
    private static partial Regex Noise();

    [GeneratedRegex(@"(?<=\S)[ \t]+[-–—]+[ \t]+", Options, TimeoutMs)]
    private static partial Regex Dashes();

    [GeneratedRegex(@"^[ \t]*[-–—•]+[ \t]+", Options | RegexOptions.Multiline, TimeoutMs)]
    private static partial Regex Bullets();

    [GeneratedRegex(@"[ \t]+", Options, TimeoutMs)]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ([.,;:!?)])", Options, TimeoutMs)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\( ", Options, TimeoutMs)]
    private static partial Regex SpaceAfterParenthesis();

    [GeneratedRegex(@"\s*\n\s*", Options, TimeoutMs)]
    private static partial Regex BlankLines();
}
