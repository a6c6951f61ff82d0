using System.Text;

namespace InfoRadio.Protocol.Tests.Support;

/// <summary>Hex dumps as the protocol document writes them: pairs of digits, spaces, line breaks, '#' comments.</summary>
public static class Hex
{
    public static byte[] Parse(string text)
    {
        var digits = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var hash = line.IndexOf('#');
            foreach (var c in hash >= 0 ? line[..hash] : line)
                if (!char.IsWhiteSpace(c)) digits.Append(c);
        }
        return Convert.FromHexString(digits.ToString());
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
