using System.Globalization;

namespace InfoRadio.Bench;

/// <summary>"--key value" pairs of a scenario's command line.</summary>
public sealed class BenchArgs(IReadOnlyDictionary<string, string> values)
{
    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            values[args[i][2..]] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return new BenchArgs(values);
    }

    public string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;

    public string Require(string key) => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");

    public int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string key, double fallback) => values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
