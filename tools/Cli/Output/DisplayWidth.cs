using System.Globalization;
using System.Text;

namespace InfoRadio.Cli.Output;

/// <summary>
/// How many terminal columns text takes. Not its <c>Length</c>: Vietnamese may arrive decomposed ("ơ" + combining
/// dot below is 2 chars but 1 column), CJK and emoji take 2 columns, control and zero-width characters none.
/// Counted per grapheme cluster, so a base letter with any number of marks is one cell.
/// </summary>
public static class DisplayWidth
{
    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var width = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext()) width += OfGrapheme((string)graphemes.Current);
        return width;
    }

    /// <summary>Pads with spaces on the right up to <paramref name="width"/> columns (never cuts).</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));

    /// <summary>Cuts to at most <paramref name="width"/> columns on a grapheme boundary, marking the cut with "…".</summary>
    public static string Truncate(string text, int width)
    {
        if (Of(text) <= width) return text;
        var result = new StringBuilder();
        var used = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var g = (string)graphemes.Current;
            var w = OfGrapheme(g);
            if (used + w > width - 1) break;
            result.Append(g);
            used += w;
        }
        return result.Append('…').ToString();
    }

    private static int OfGrapheme(string grapheme)
    {
        var first = Rune.GetRuneAt(grapheme, 0);
        var category = Rune.GetUnicodeCategory(first);
        if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            return 0;
        return IsWide(first.Value) ? 2 : 1;
    }

    /// <summary>East Asian Wide and Fullwidth ranges (Unicode UAX #11), plus emoji pictographs.</summary>
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
        or >= 0x2E80 and <= 0x303E
        or >= 0x3041 and <= 0x33FF
        or >= 0x3400 and <= 0x4DBF
        or >= 0x4E00 and <= 0x9FFF
        or >= 0xA000 and <= 0xA4CF
        or >= 0xAC00 and <= 0xD7A3
        or >= 0xF900 and <= 0xFAFF
        or >= 0xFE30 and <= 0xFE4F
        or >= 0xFF00 and <= 0xFF60
        or >= 0xFFE0 and <= 0xFFE6
        or >= 0x1F300 and <= 0x1F64F
        or >= 0x1F900 and <= 0x1F9FF
        or >= 0x20000 and <= 0x3FFFD;
}
