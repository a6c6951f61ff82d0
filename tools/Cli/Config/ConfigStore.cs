using System.Text.Json;

namespace InfoRadio.Cli.Config;

/// <summary>
/// Keeps the sign-in in <c>cli.json</c> under <c>$XDG_CONFIG_HOME/inforadio</c> (or <c>~/.config/inforadio</c>). The
/// file holds a bearer token, so it is created readable by its owner only (0600) and rewritten, never appended.
/// </summary>
public sealed class ConfigStore(string directory)
{
    public const string FileName = "cli.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory { get; } = directory;
    public string FilePath => Path.Combine(Directory, FileName);

    /// <summary>The folder per the XDG base directory rules.</summary>
    public static string DefaultDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var xdg = environment("XDG_CONFIG_HOME");
        // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "inforadio");
    }

    /// <summary>The stored sign-in, or null when there is none.</summary>
    /// <exception cref="CliException">The file exists but cannot be read as a sign-in.</exception>
    public CliConfig? Load()
    {
        if (!File.Exists(FilePath)) return null;
        try
        {
            var config = JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), Json);
            if (config is null || string.IsNullOrWhiteSpace(config.Url) || string.IsNullOrWhiteSpace(config.Token))
                throw new JsonException("url or token is missing");
            return config;
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.NotAuthorized, $"{FilePath} is not a valid sign-in ({e.Message}); run 'inforadio login' again");
        }
    }

    public void Save(CliConfig config)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = FilePath + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
            JsonSerializer.Serialize(stream, config, Json);
        // Replaces an older file whatever its mode was; the new one has 0600 from its creation.
        File.Move(temp, FilePath, overwrite: true);
    }

    /// <summary>Forgets the sign-in; false when there was none.</summary>
    public bool Delete()
    {
        if (!File.Exists(FilePath)) return false;
        File.Delete(FilePath);
        return true;
    }
}
