using System.Text;

namespace InfoRadio.Controller.Speech;

/// <summary>
/// Cuts normalized text into pieces an engine speaks well: whole sentences (at . ! ? ; … and line ends), short
/// ones joined up to the limit, a sentence over the limit cut at commas and then at spaces. Pure.
/// </summary>
public static class SpeechChunker
{
    public static IReadOnlyList<string> Split(string text, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 10);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var sentence in Sentences(text))
        {
            foreach (var piece in Fit(sentence, maxCharacters))
            {
                if (current.Length > 0 && current.Length + 1 + piece.Length > maxCharacters)
                {
                    chunks.Add(current.ToString());
                    current.Clear();
                }
                if (current.Length > 0) current.Append(' ');
                current.Append(piece);
            }
            // A sentence end is a place to pause: close the chunk there once it is reasonably long.
            if (current.Length >= maxCharacters / 2)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    /// <summary>Sentences with their closing punctuation; empty ones dropped.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c == '\n' || (c is '.' or '!' or '?' or ';' or '…' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!end) continue;
            if (Trimmed(text[start..(i + 1)]) is { } s) yield return s;
            start = i + 1;
        }
        if (start < text.Length && Trimmed(text[start..]) is { } last) yield return last;
    }

    private static string? Trimmed(string s)
    {
        s = s.Trim();
        return s.Any(char.IsLetterOrDigit) ? s : null;
    }

    /// <summary>A sentence in pieces no longer than the limit: at commas where it can, else at spaces, else hard.</summary>
    private static IEnumerable<string> Fit(string sentence, int max)
    {
        if (sentence.Length <= max)
        {
            yield return sentence;
            yield break;
        }
        var rest = sentence;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf(", ", max - 1, StringComparison.Ordinal);
            if (cut < max / 3) cut = rest.LastIndexOf(' ', max - 1);
            cut = cut < max / 3 ? max : cut + 1;
            yield return rest[..cut].Trim();
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0) yield return rest;
    }
}
