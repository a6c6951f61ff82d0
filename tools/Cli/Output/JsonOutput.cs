using System.Text.Encodings.Web;
using System.Text.Json;

namespace InfoRadio.Cli.Output;

/// <summary>What --json prints: the controller's JSON, indented, with non-ASCII (Vietnamese) kept readable.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Output for a terminal or a pipe, never embedded in HTML: "Chợ" stays "Chợ", not "Ch\u1EE3".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(JsonElement element) => JsonSerializer.Serialize(element, Options) + "\n";

    public static string Render<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
