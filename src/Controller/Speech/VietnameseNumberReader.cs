using System.Text;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Reads numbers the Vietnamese way: "mười" for 10–19 but "mươi" for the tens above, "mốt" for a one after
/// "mươi", "tư" for a four after "mươi", "lăm" for a five after any ten, "linh" (or the southern "lẻ") for a zero
/// tens digit after hundreds, and "không trăm" for the empty hundreds inside a large number. Pure and total.
/// </summary>
public static class VietnameseNumberReader
{
    /// <summary>Longest digit string read as one quantity; longer runs are read digit by digit.</summary>
    public const int MaxQuantityDigits = 15;

    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

    /// <summary>How a number is read, by region: the south says "lẻ" and "ngàn" where the north says "linh" and "nghìn".</summary>
    public static string Read(long value, bool southern = false)
    {
        if (value == long.MinValue) return "âm " + ReadDigits(value.ToString()[1..]);
        if (value < 0) return "âm " + Read(-value, southern);
        if (value == 0) return Digits[0];
        var sb = new StringBuilder();
        AppendLarge(sb, value, southern, leading: true);
        return sb.ToString().Trim();
    }

    /// <summary>Every digit on its own ("0912" → "không chín một hai"), as phone numbers and codes are read.</summary>
    public static string ReadDigits(string digits)
    {
        var sb = new StringBuilder();
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(Digits[c - '0']);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A run of digits: a quantity when it is short and has no leading zero, else digit by digit.
    /// </summary>
    public static string ReadDigitString(string digits, bool southern = false)
    {
        if (digits.Length == 0) return "";
        if (digits.Length > MaxQuantityDigits || (digits.Length > 1 && digits[0] == '0')) return ReadDigits(digits);
        return long.TryParse(digits, out var v) ? Read(v, southern) : ReadDigits(digits);
    }

    /// <summary>
    /// The part after the decimal comma: leading zeros one by one ("không"), the rest as a number when it is short
    /// (3,14 → "mười bốn"), digit by digit when it is long.
    /// </summary>
    public static string ReadFraction(string digits, bool southern = false)
    {
        var zeros = 0;
        while (zeros < digits.Length && digits[zeros] == '0') zeros++;
        var parts = new List<string>();
        for (var i = 0; i < zeros; i++) parts.Add(Digits[0]);
        var rest = digits[zeros..];
        if (rest.Length > 0) parts.Add(rest.Length <= 3 ? Read(long.Parse(rest), southern) : ReadDigits(rest));
        return string.Join(' ', parts);
    }

    /// <summary>
    /// Above a billion the Vietnamese scale repeats: 10^12 is "một nghìn tỷ", so the part above a billion is read
    /// as a number of its own followed by "tỷ".
    /// </summary>
    private static void AppendLarge(StringBuilder sb, long value, bool southern, bool leading)
    {
        const long Billion = 1_000_000_000;
        var above = value / Billion;
        var below = value % Billion;
        if (above > 0)
        {
            AppendLarge(sb, above, southern, leading);
            sb.Append(" tỷ");
            leading = false;
        }
        if (below > 0) AppendBelowBillion(sb, below, southern, leading);
    }

    private static void AppendBelowBillion(StringBuilder sb, long value, bool southern, bool leading)
    {
        string[] scales = ["triệu", southern ? "ngàn" : "nghìn", ""];
        long[] sizes = [1_000_000, 1_000, 1];
        for (var i = 0; i < sizes.Length; i++)
        {
            var group = (int)(value / sizes[i] % 1000);
            if (group == 0) continue;
            AppendGroup(sb, group, southern, full: !leading);
            if (scales[i].Length > 0) sb.Append(' ').Append(scales[i]);
            leading = false;
        }
    }

    /// <summary>One group of three digits; <paramref name="full"/> reads an empty hundreds digit ("không trăm").</summary>
    private static void AppendGroup(StringBuilder sb, int group, bool southern, bool full)
    {
        var hundreds = group / 100;
        var tens = group / 10 % 10;
        var units = group % 10;
        if (hundreds > 0 || full)
        {
            Word(sb, Digits[hundreds]);
            Word(sb, "trăm");
            if (tens == 0 && units > 0) Word(sb, southern ? "lẻ" : "linh");
        }
        if (tens == 1) Word(sb, "mười");
        else if (tens > 1)
        {
            Word(sb, Digits[tens]);
            Word(sb, "mươi");
        }
        if (units == 0) return;
        Word(sb, units switch
        {
            1 when tens > 1 => "mốt",
            4 when tens > 1 => "tư",
            5 when tens > 0 => "lăm",
            _ => Digits[units],
        });
    }

    private static void Word(StringBuilder sb, string word)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(word);
    }
}
