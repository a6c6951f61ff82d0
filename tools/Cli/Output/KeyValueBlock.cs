using System.Text;

namespace InfoRadio.Cli.Output;

/// <summary>"Label:  value" lines with the values aligned, for showing one object.</summary>
public sealed class KeyValueBlock
{
    private readonly List<(string Key, string Value)> _lines = [];

    public KeyValueBlock Add(string key, string? value)
    {
        _lines.Add((key, value ?? "-"));
        return this;
    }

    public string Render()
    {
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => DisplayWidth.Of(l.Key)) + 1;
        var text = new StringBuilder();
        foreach (var (key, value) in _lines) text.Append(DisplayWidth.PadRight(key + ":", width)).Append("  ").Append(value).Append('\n');
        return text.ToString();
    }
}
