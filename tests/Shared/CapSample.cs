namespace InfoRadio.Testing;

/// <summary>The CAP 1.2 sample documents in tests/Shared/CapSamples, with their {{TOKEN}} placeholders filled in.</summary>
public static class CapSample
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "CapSamples");

    /// <summary>The sample; ID, SENT, STATUS, EXPIRES, MSGTYPE, REFS default to usable values unless given.</summary>
    public static string Text(string name, params (string Token, string Value)[] values)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var given = values.ToDictionary(v => v.Token, v => v.Value);
        string Value(string token, string fallback) => given.GetValueOrDefault(token, fallback);
        foreach (var (token, value) in given) text = text.Replace("{{" + token + "}}", value);
        return text
            .Replace("{{ID}}", Value("ID", "KTTV-" + Guid.NewGuid().ToString("N")[..12]))
            .Replace("{{SENT}}", Value("SENT", "2026-09-02T15:30:00+07:00"))
            .Replace("{{STATUS}}", Value("STATUS", "Actual"))
            .Replace("{{EXPIRES}}", Value("EXPIRES", "2099-09-03T15:30:00+07:00"))
            .Replace("{{MSGTYPE}}", Value("MSGTYPE", "Update"))
            .Replace("{{REFS}}", Value("REFS", ""));
    }

    public static byte[] Bytes(string name, params (string Token, string Value)[] values) =>
        System.Text.Encoding.UTF8.GetBytes(Text(name, values));
}
