using InfoRadio.Cli.Config;

namespace InfoRadio.Cli.Tests.Client;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked on Linux, where the CLI runs
public sealed class ConfigStore_Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforadio-cli-config-").FullName;

    [Fact]
    public void The_sign_in_is_saved_readable_by_its_owner_only_and_read_back()
    {
        var store = new ConfigStore(Path.Combine(_dir, "inforadio"));
        Assert.Null(store.Load());
        store.Save(new CliConfig("http://127.0.0.1:8080", "tok-1234567890abcdef"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(new CliConfig("http://127.0.0.1:8080", "tok-1234567890abcdef"), store.Load());

        // An older file with loose permissions is replaced by a private one.
        File.SetUnixFileMode(store.FilePath, (UnixFileMode)0b110_100_100);
        store.Save(new CliConfig("http://127.0.0.1:9090", "tok-2"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal("http://127.0.0.1:9090", store.Load()!.Url);

        Assert.True(store.Delete());
        Assert.False(store.Delete());
        Assert.Null(store.Load());
    }

    [Fact]
    public void A_damaged_file_asks_to_sign_in_again()
    {
        var store = new ConfigStore(_dir);
        File.WriteAllText(store.FilePath, "{ not json");
        var e = Assert.Throws<CliException>(store.Load);
        Assert.Equal(ExitCodes.NotAuthorized, e.ExitCode);
        Assert.Contains("inforadio login", e.Message);
    }

    [Fact]
    public void The_folder_follows_the_XDG_rules()
    {
        Assert.Equal("/x/conf/inforadio", ConfigStore.DefaultDirectory(v => v switch { "XDG_CONFIG_HOME" => "/x/conf", "HOME" => "/home/t", _ => null }));
        Assert.Equal("/home/t/.config/inforadio", ConfigStore.DefaultDirectory(v => v switch { "HOME" => "/home/t", _ => null }));
        // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
        Assert.Equal("/home/t/.config/inforadio", ConfigStore.DefaultDirectory(v => v switch { "XDG_CONFIG_HOME" => "rel", "HOME" => "/home/t", _ => null }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
