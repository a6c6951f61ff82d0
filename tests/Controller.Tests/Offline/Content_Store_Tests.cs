using System.Security.Cryptography;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Offline;

/// <summary>The content store encodes a source once, names it by its hash, never serves a damaged file, and sweeps.</summary>
public sealed class Content_Store_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OpusEncoderSettings _settings = new();
    private int _opened;

    public void Dispose() => _db.Dispose();

    private ContentStore Store() => new(_db.Database, _db.Storage, Options.Create(new OfflineOptions { ContentGrace = TimeSpan.FromHours(1) }),
        _time, NullLogger<ContentStore>.Instance);

    private ProgramAudio Open()
    {
        _opened++;
        return OggOpus_File_Tests.Tone(800, 1.5);
    }

    [Fact]
    public void A_source_is_encoded_once_to_a_file_named_by_its_sha256_and_reused_after_a_restart()
    {
        var content = Store().Ensure("media:a:1", Open, _settings, CancellationToken.None);
        var path = Store().PathOf(content.Sha256);
        Assert.NotNull(path);
        Assert.Equal(content.Sha256 + ".ogg", Path.GetFileName(path));
        Assert.Equal(content.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Equal(new FileInfo(path).Length, content.Bytes);
        Assert.Equal(72_000, content.Samples);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));

        _db.Reopen();
        var again = Store().Ensure("media:a:1", Open, _settings, CancellationToken.None);
        Assert.Equal(content, again);
        Assert.Equal(1, _opened);
    }

    [Fact]
    public void A_corrupt_or_missing_file_is_never_served_and_is_encoded_again()
    {
        var store = Store();
        var content = store.Ensure("media:a:1", Open, _settings, CancellationToken.None);
        var path = store.PathOf(content.Sha256)!;
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        Assert.Null(store.PathOf(content.Sha256));

        Assert.Equal(content, store.Ensure("media:a:1", Open, _settings, CancellationToken.None));
        Assert.Equal(2, _opened);
        Assert.NotNull(store.PathOf(content.Sha256));

        File.Delete(path);
        Assert.Null(store.PathOf(content.Sha256));
        Assert.Equal(content, store.Ensure("media:a:1", Open, _settings, CancellationToken.None));
        Assert.Equal(3, _opened);
    }

    [Fact]
    public void Unknown_or_malformed_hashes_are_not_served()
    {
        var store = Store();
        Assert.Null(store.PathOf(new string('a', 64)));
        Assert.Null(store.PathOf("../../etc/passwd"));
    }

    [Fact]
    public void Content_no_plan_names_is_deleted_only_after_the_grace()
    {
        var store = Store();
        var kept = store.Ensure("media:a:1", Open, _settings, CancellationToken.None);
        var dropped = store.Ensure("media:b:2", () => OggOpus_File_Tests.Tone(300, 1), _settings, CancellationToken.None);
        var referenced = new HashSet<string> { kept.Sha256 };

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, store.Sweep(referenced));
        Assert.NotNull(store.PathOf(dropped.Sha256));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, store.Sweep(referenced));
        Assert.Null(store.PathOf(dropped.Sha256));
        Assert.NotNull(store.PathOf(kept.Sha256));
        Assert.Equal(1, store.Count);
    }
}
