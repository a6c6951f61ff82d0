using System.Text;

namespace InfoRadio.Testing;

/// <summary>
/// Seeded hostile payloads for the topics a peer may write to: random bytes, random JSON-looking text, and valid
/// messages mutated the ways a broken firmware or an attacker would (bytes flipped, cut, repeated, fields retyped,
/// numbers pushed to their limits). The same seed gives the same payloads, so a failure names its input.
/// </summary>
public sealed class PayloadFuzzer(int seed)
{
    private static readonly string[] HostileValues =
    [
        "null", "true", "-1", "0", "1e308", "-1e308", "1.5", "9223372036854775808", "-9223372036854775809", "\"\"",
        "\"x\"", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"\\u0000\"", "\"" + new string('a', 5000) + "\"", "NaN", "\"../../etc\"",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>The next payload: about a third random bytes or text, the rest one of <paramref name="validSamples"/> mutated.</summary>
    public byte[] Next(IReadOnlyList<byte[]> validSamples)
    {
        return _random.Next(6) switch
        {
            0 => RandomBytes(_random.Next(0, 512)),
            1 => Encoding.UTF8.GetBytes(RandomJsonish()),
            _ => Mutate(validSamples[_random.Next(validSamples.Count)]),
        };
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    public byte[] Mutate(byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        switch (_random.Next(7))
        {
            case 0: // flip bytes
            {
                var bytes = (byte[])valid.Clone();
                for (var i = _random.Next(1, 4); i > 0 && bytes.Length > 0; i--) bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                return bytes;
            }
            case 1: // cut
                return valid.AsSpan(0, _random.Next(valid.Length + 1)).ToArray();
            case 2: // repeat a slice
            {
                var at = _random.Next(valid.Length + 1);
                var length = _random.Next(valid.Length - at + 1);
                return [.. valid.AsSpan(0, at), .. valid.AsSpan(at, length), .. valid.AsSpan(at)];
            }
            case 3: // a field's value replaced by a hostile one
                return Encoding.UTF8.GetBytes(ReplaceAValue(text, HostileValues[_random.Next(HostileValues.Length)]));
            case 4: // a field dropped
                return Encoding.UTF8.GetBytes(ReplaceAValue(text, null));
            case 5: // an unknown field added
                return Encoding.UTF8.GetBytes(text.Length > 1 ? "{\"zz" + _random.Next(100) + "\":" + HostileValues[_random.Next(HostileValues.Length)] + "," + text[1..] : text);
            default: // random bytes spliced in
                var insertAt = _random.Next(valid.Length + 1);
                return [.. valid.AsSpan(0, insertAt), .. RandomBytes(_random.Next(1, 16)), .. valid.AsSpan(insertAt)];
        }
    }

    private string RandomJsonish()
    {
        var parts = new[] { "{", "}", "[", "]", ",", ":", "\"v\"", "\"type\"", "1", "-", "e", "\"", "\\", "null", " ", "\"sessions\"" };
        var builder = new StringBuilder();
        for (var i = _random.Next(1, 60); i > 0; i--) builder.Append(parts[_random.Next(parts.Length)]);
        return builder.ToString();
    }

    /// <summary>Replaces the value after one of the text's <c>"name":</c> with <paramref name="value"/> (or drops the pair when null).</summary>
    private string ReplaceAValue(string json, string? value)
    {
        var keys = new List<int>();
        for (var i = json.IndexOf("\":", StringComparison.Ordinal); i >= 0; i = json.IndexOf("\":", i + 2, StringComparison.Ordinal)) keys.Add(i);
        if (keys.Count == 0) return json;
        var colon = keys[_random.Next(keys.Count)] + 1;
        var end = ValueEnd(json, colon + 1);
        if (value is not null) return json[..(colon + 1)] + value + json[end..];
        var start = json.LastIndexOf('"', json.LastIndexOf('"', colon - 1) - 1);
        if (start < 0) return json;
        var afterComma = end < json.Length && json[end] == ',' ? end + 1 : end;
        return json[..start] + json[afterComma..];
    }

    private static int ValueEnd(string json, int from)
    {
        var depth = 0;
        var inString = false;
        for (var i = from; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case '}' or ']':
                    if (depth == 0) return i;
                    depth--;
                    break;
                case ',' when depth == 0: return i;
            }
        }
        return json.Length;
    }
}
