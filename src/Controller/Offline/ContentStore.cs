using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol.Messages;
using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// The content files devices cache: each scheduled source encoded once to Ogg Opus under <c>{DataDir}/content/</c>,
/// named by the SHA-256 of its bytes. The index (LiteDB) maps a source's identity to its file, so a restart reuses
/// what was encoded. A file is written to a temporary name and renamed when complete; a file whose bytes no longer
/// hash to its name (or that is missing) is never served and is encoded again when a plan needs it. Thread-safe.
/// </summary>
public sealed partial class ContentStore
{
    public const string FolderName = "content";
    public const string FileExtension = ".ogg";

    private readonly ILiteCollection<ContentDocument> _index;
    private readonly OfflineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ContentStore> _logger;
    private readonly Lock _gate = new();
    // Files whose hash was checked, with the length and write time seen then: hashing on every request would be costly.
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written)> _verified = new(StringComparer.Ordinal);

    public ContentStore(ControllerDatabase database, IOptions<StorageOptions> storage, IOptions<OfflineOptions> options, TimeProvider time,
        ILogger<ContentStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Folder = Path.GetFullPath(Path.Combine(storage.Value.DataDir, FolderName));
        Directory.CreateDirectory(Folder);
        _index = database.Database.GetCollection<ContentDocument>("offline_content");
        _index.EnsureIndex(d => d.Sha256);
        foreach (var stale in Directory.EnumerateFiles(Folder, "*.tmp")) TryDelete(stale);
    }

    public string Folder { get; }

    public int Count => _index.Count();

    /// <summary>
    /// The content of <paramref name="sourceKey"/>: the file encoded before if it is intact, else encoded now from
    /// <paramref name="open"/>. Throws <see cref="AudioFormatException"/> when the source cannot be read.
    /// </summary>
    public PlanContent Ensure(string sourceKey, Func<ProgramAudio> open, OpusEncoderSettings settings, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey)));
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            if (_index.FindById(id) is { } known)
            {
                if (IsIntact(known.Sha256, known.Bytes))
                {
                    known.LastReferencedAt = now;
                    _index.Update(known);
                    return new PlanContent { Sha256 = known.Sha256, Bytes = known.Bytes, Samples = known.Samples };
                }
                LogCorrupt(known.Sha256, sourceKey);
                _index.Delete(id);
            }
        }
        // Encoding takes seconds: outside the lock, so serving and other sources do not wait on it.
        var (sha, bytes, samples) = Encode(open(), settings, ct);
        lock (_gate)
        {
            _index.Upsert(new ContentDocument
            {
                Id = id, SourceKey = sourceKey, Sha256 = sha, Bytes = bytes, Samples = samples, EncodedAt = now, LastReferencedAt = now,
            });
        }
        LogEncoded(sha, bytes, samples / 48_000.0, sourceKey);
        return new PlanContent { Sha256 = sha, Bytes = bytes, Samples = samples };
    }

    /// <summary>The path of an intact content file of that hash, or null (unknown, missing or corrupt: never served).</summary>
    public string? PathOf(string sha256)
    {
        if (!PlanContent.IsSha256Hex(sha256)) return null;
        var doc = _index.FindOne(d => d.Sha256 == sha256);
        return doc is not null && IsIntact(sha256, doc.Bytes) ? FileOf(sha256) : null;
    }

    /// <summary>
    /// Deletes the files no plan has named for longer than the grace. <paramref name="referenced"/> are the hashes
    /// the current plans name; they are kept and their grace restarts. Returns how many files were deleted.
    /// </summary>
    public int Sweep(IReadOnlySet<string> referenced)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var deleted = 0;
        lock (_gate)
        {
            var all = _index.FindAll().ToList();
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var doc in all)
            {
                if (referenced.Contains(doc.Sha256) || doc.LastReferencedAt + _options.ContentGrace > now) keep.Add(doc.Sha256);
                else _index.Delete(doc.Id);
            }
            foreach (var file in Directory.EnumerateFiles(Folder, "*" + FileExtension))
            {
                var sha = Path.GetFileNameWithoutExtension(file);
                if (keep.Contains(sha)) continue;
                // A file the index does not know (left by a crash between rename and index) goes after the grace too.
                if (File.GetLastWriteTimeUtc(file) + _options.ContentGrace > now && all.All(d => d.Sha256 != sha)) continue;
                if (TryDelete(file)) deleted++;
                _verified.TryRemove(sha, out _);
            }
        }
        if (deleted > 0) LogSwept(deleted);
        return deleted;
    }

    private string FileOf(string sha256) => Path.Combine(Folder, sha256 + FileExtension);

    private bool IsIntact(string sha256, long bytes)
    {
        var info = new FileInfo(FileOf(sha256));
        if (!info.Exists || info.Length != bytes) return Forget(sha256);
        if (_verified.TryGetValue(sha256, out var seen) && seen == (info.Length, info.LastWriteTimeUtc)) return true;
        using (var stream = info.OpenRead())
            if (!Convert.ToHexStringLower(SHA256.HashData(stream)).Equals(sha256, StringComparison.Ordinal)) return Forget(sha256);
        _verified[sha256] = (info.Length, info.LastWriteTimeUtc);
        return true;
    }

    private bool Forget(string sha256)
    {
        _verified.TryRemove(sha256, out _);
        return false;
    }

    private (string Sha, long Bytes, long Samples) Encode(ProgramAudio audio, OpusEncoderSettings settings, CancellationToken ct)
    {
        var temp = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            long samples;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                samples = OggOpusFileEncoder.Encode(audio, settings, file, ct);
                file.Flush(flushToDisk: true);
            }
            string sha;
            using (var read = File.OpenRead(temp)) sha = Convert.ToHexStringLower(SHA256.HashData(read));
            var bytes = new FileInfo(temp).Length;
            if (bytes > PlanContent.MaxBytes) throw new AudioFormatException($"the encoded file is {bytes} bytes, more than a device holds ({PlanContent.MaxBytes})");
            File.Move(temp, FileOf(sha), overwrite: true);
            _verified[sha] = (bytes, File.GetLastWriteTimeUtc(FileOf(sha)));
            return (sha, bytes, samples);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (IOException e)
        {
            LogDeleteFailed(path, e.Message);
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            LogDeleteFailed(path, e.Message);
            return false;
        }
    }
}
