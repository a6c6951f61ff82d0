namespace InfoRadio.LoadSim.Fleet;

/// <summary>A simulated speaker's MQTT identity: its device id (also its client id and user name) and its secret.</summary>
public sealed record AgentCredentials(string DeviceId, string Secret)
{
    /// <summary>Reads <c>id,secret</c> lines (a header line starting with "id" and blank lines are skipped).</summary>
    public static IReadOnlyList<AgentCredentials> ReadCsv(string path)
    {
        var list = new List<AgentCredentials>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("id,", StringComparison.OrdinalIgnoreCase)) continue;
            var comma = line.IndexOf(',');
            if (comma <= 0 || comma == line.Length - 1) throw new FormatException($"{path}:{lineNumber}: expected 'id,secret'");
            list.Add(new AgentCredentials(line[..comma].Trim(), line[(comma + 1)..].Trim()));
        }
        return list;
    }

    public static void WriteCsv(string path, IEnumerable<AgentCredentials> credentials) =>
        File.WriteAllLines(path, credentials.Select(c => $"{c.DeviceId},{c.Secret}").Prepend("id,secret"));
}
