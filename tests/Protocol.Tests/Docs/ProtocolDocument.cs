using System.Text.RegularExpressions;

namespace InfoRadio.Protocol.Tests.Docs;

/// <summary>docs/protocol.md as the tests read it: the fenced blocks marked <c>&lt;!-- vector: name --&gt;</c> or <c>&lt;!-- reject: name --&gt;</c>.</summary>
public static partial class ProtocolDocument
{
    public static readonly string Text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "protocol.md"));

    public static readonly IReadOnlyDictionary<string, string> Vectors = Blocks("vector");
    public static readonly IReadOnlyDictionary<string, string> Rejects = Blocks("reject");

    /// <summary>The contents of every ```json block, marked or not (the examples of section 8 too), one entry per line.</summary>
    public static IEnumerable<string> JsonLines() =>
        JsonBlock().Matches(Text).SelectMany(m => m.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Dictionary<string, string> Blocks(string kind)
    {
        var blocks = new Dictionary<string, string>();
        foreach (Match m in MarkedBlock().Matches(Text))
        {
            if (m.Groups["kind"].Value != kind) continue;
            // Add, not an indexer: a name used twice in the document fails here.
            blocks.Add(m.Groups["name"].Value, m.Groups["body"].Value);
        }
        return blocks;
    }

    [GeneratedRegex(@"<!-- (?<kind>vector|reject): (?<name>[a-z0-9-]+) -->\r?\n```[a-z]+\r?\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"```json\r?\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
