using System.Security.Cryptography;
using InfoRadio.DeviceAgent.Cache;
using InfoRadio.DeviceAgent.Tests.Support;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Cache;

/// <summary>Downloads into the content-addressed cache over real loopback HTTP: auth, verify, resume, corruption, limits.</summary>
public sealed class Content_Cache_Tests : IDisposable
{
    private static readonly Lazy<byte[]> Tone = new(() => TestOggOpus.Tone(440, 3));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inforadio-cache-" + Guid.NewGuid().ToString("N"));
    private readonly ContentServer _server = new("box-1", "s3cret");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private ContentCache Cache(long maxBytes = 1 << 30) => new(_dir, maxBytes);

    private static PlanContent Content(string sha, byte[] bytes) => new() { Sha256 = sha, Bytes = bytes.Length, Samples = 1 };

    [Fact]
    public async Task A_file_is_fetched_with_basic_auth_verified_and_renamed_into_place()
    {
        var bytes = Tone.Value;
        var sha = _server.Add(bytes);
        var cache = Cache();
        var (outcome, _) = await new ContentDownloader(_http, cache).DownloadAsync(_server.BaseUrl, Content(sha, bytes), "box-1", "s3cret", default);

        Assert.Equal(DownloadOutcome.Cached, outcome);
        Assert.True(cache.TryGetPath(sha, out var path));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(cache.PartPath(sha)));
    }

    [Fact]
    public async Task A_wrong_secret_is_a_failed_transfer_and_caches_nothing()
    {
        var bytes = Tone.Value;
        var sha = _server.Add(bytes);
        var cache = Cache();
        var (outcome, detail) = await new ContentDownloader(_http, cache).DownloadAsync(_server.BaseUrl, Content(sha, bytes), "box-1", "old", default);

        Assert.Equal(DownloadOutcome.TransferFailed, outcome);
        Assert.Contains("401", detail);
        Assert.False(cache.Contains(sha));
    }

    [Fact]
    public async Task A_transfer_cut_midway_resumes_with_a_range_request_and_ends_verified()
    {
        var bytes = Tone.Value;
        var sha = _server.Add(bytes);
        _server.CutAfterBytes = bytes.Length / 3;
        _server.CutsLeft = 1;
        var cache = Cache();
        var downloader = new ContentDownloader(_http, cache);

        var (first, _) = await downloader.DownloadAsync(_server.BaseUrl, Content(sha, bytes), "box-1", "s3cret", default);
        Assert.Equal(DownloadOutcome.TransferFailed, first);
        var kept = new FileInfo(cache.PartPath(sha)).Length;
        Assert.InRange(kept, 1, bytes.Length - 1);

        var (second, _) = await downloader.DownloadAsync(_server.BaseUrl, Content(sha, bytes), "box-1", "s3cret", default);
        Assert.Equal(DownloadOutcome.Cached, second);
        Assert.Equal(kept, downloader.LastResumedFrom);
        Assert.Contains(_server.Requests, r => r.Range == $"bytes={kept}-" && r.Status == 206);
        Assert.Equal(bytes, File.ReadAllBytes(cache.ReadyPath(sha)));
    }

    [Fact]
    public async Task Bytes_that_do_not_hash_to_the_name_are_deleted_and_the_next_attempt_starts_from_zero()
    {
        var good = Tone.Value;
        var sha = Convert.ToHexStringLower(SHA256.HashData(good));
        var bad = (byte[])good.Clone();
        bad[^5] ^= 0xFF;
        _server.AddAs(sha, bad);
        var cache = Cache();
        var downloader = new ContentDownloader(_http, cache);

        var (outcome, _) = await downloader.DownloadAsync(_server.BaseUrl, Content(sha, good), "box-1", "s3cret", default);
        Assert.Equal(DownloadOutcome.ChecksumMismatch, outcome);
        Assert.False(File.Exists(cache.PartPath(sha)));
        Assert.False(cache.Contains(sha));

        _server.AddAs(sha, good);
        var (again, _) = await downloader.DownloadAsync(_server.BaseUrl, Content(sha, good), "box-1", "s3cret", default);
        Assert.Equal(DownloadOutcome.Cached, again);
        Assert.Equal(0, downloader.LastResumedFrom);
        Assert.All(_server.Requests, r => Assert.Equal("", r.Range));
    }

    [Fact]
    public async Task Content_beyond_the_size_limit_is_refused_without_a_request()
    {
        var bytes = Tone.Value;
        var sha = _server.Add(bytes);
        var cache = Cache(maxBytes: bytes.Length - 1);
        var (outcome, detail) = await new ContentDownloader(_http, cache).DownloadAsync(_server.BaseUrl, Content(sha, bytes), "box-1", "s3cret", default);

        Assert.Equal(DownloadOutcome.NoSpace, outcome);
        Assert.Contains("cache limit", detail);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void A_rescan_deletes_files_whose_bytes_do_not_match_their_name_and_foreign_files_and_keeps_parts()
    {
        Directory.CreateDirectory(_dir);
        var good = Tone.Value;
        var goodSha = Convert.ToHexStringLower(SHA256.HashData(good));
        File.WriteAllBytes(Path.Combine(_dir, goodSha + ".opus"), good);
        var rotten = (byte[])good.Clone();
        rotten[100] ^= 1;
        var rottenName = new string('a', 64);
        File.WriteAllBytes(Path.Combine(_dir, rottenName + ".opus"), rotten);
        File.WriteAllBytes(Path.Combine(_dir, new string('b', 64) + ".part"), [1, 2, 3]);
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "x");

        var cache = Cache();
        var deleted = cache.Rescan();

        Assert.Equal([rottenName + ".opus", "notes.txt"], deleted.Order(StringComparer.Ordinal));
        Assert.True(cache.Contains(goodSha));
        Assert.False(cache.Contains(rottenName));
        Assert.True(File.Exists(Path.Combine(_dir, new string('b', 64) + ".part")));
    }

    [Fact]
    public void Prune_deletes_what_the_plan_no_longer_names()
    {
        Directory.CreateDirectory(_dir);
        var bytes = Tone.Value;
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(_dir, sha + ".opus"), bytes);
        File.WriteAllBytes(Path.Combine(_dir, new string('c', 64) + ".part"), [1]);
        var cache = Cache();
        cache.Rescan();

        Assert.Equal(1, cache.Prune(new HashSet<string> { sha }));
        Assert.True(cache.Contains(sha));
        Assert.Equal(1, cache.Prune(new HashSet<string>()));
        Assert.False(cache.Contains(sha));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Disk_full_errors_are_recognised_by_their_errno()
    {
        Assert.True(ContentDownloader.IsDiskFull(new IOException("No space left on device", 28)));
        Assert.False(ContentDownloader.IsDiskFull(new IOException("Connection reset", 104)));
    }
}
