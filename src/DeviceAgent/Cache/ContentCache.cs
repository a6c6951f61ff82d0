using System.Security.Cryptography;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Cache;

/// <summary>
/// Content-addressed files: <c>{sha256}.opus</c> once verified, <c>{sha256}.part</c> while downloading. A file is
/// only ever in place under its name when its bytes hash to that name. Thread-safe for one writer (the prefetcher)
/// and any number of readers asking <see cref="TryGetPath"/>.
/// </summary>
public sealed class ContentCache
{
    public const string ReadyExtension = ".opus";
    public const string PartExtension = ".part";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _ready = new(StringComparer.Ordinal);

    public ContentCache(string directory, long maxBytes)
    {
        Directory = directory;
        MaxBytes = maxBytes;
    }

    public string Directory { get; }
    public long MaxBytes { get; }

    public string ReadyPath(string sha256) => Path.Combine(Directory, sha256 + ReadyExtension);
    public string PartPath(string sha256) => Path.Combine(Directory, sha256 + PartExtension);

    public bool Contains(string sha256)
    {
        lock (_gate) return _ready.Contains(sha256);
    }

    /// <summary>The verified file of <paramref name="sha256"/>, if the cache holds it.</summary>
    public bool TryGetPath(string sha256, out string path)
    {
        path = ReadyPath(sha256);
        lock (_gate) return _ready.Contains(sha256);
    }

    /// <summary>
    /// Rescans the folder (at start): every finished file is hashed again and deleted when its bytes do not match
    /// its name; files that are neither content nor partial content are deleted. Returns the names deleted.
    /// </summary>
    /// <exception cref="CacheException">The folder cannot be created or read.</exception>
    public IReadOnlyList<string> Rescan(CancellationToken cancellationToken = default)
    {
        var deleted = new List<string>();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileNameWithoutExtension(file);
                var ext = Path.GetExtension(file);
                var valid = PlanContent.IsSha256Hex(name) && ext is ReadyExtension or PartExtension;
                if (valid && ext == ReadyExtension)
                {
                    if (HashOf(file) == name)
                    {
                        lock (_gate) _ready.Add(name);
                        continue;
                    }
                }
                else if (valid) continue;
                File.Delete(file);
                deleted.Add(Path.GetFileName(file));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CacheException($"cache folder {Directory} cannot be read: {ex.Message}", ex);
        }
        return deleted;
    }

    /// <summary>Deletes every file (finished or partial) whose hash is not in <paramref name="wanted"/>; returns how many.</summary>
    public int Prune(IReadOnlySet<string> wanted)
    {
        var removed = 0;
        if (!System.IO.Directory.Exists(Directory)) return 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (wanted.Contains(name)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Tried again at the next plan; a file that cannot be deleted costs space, not correctness.
            }
            lock (_gate) _ready.Remove(name);
        }
        return removed;
    }

    /// <summary>Bytes held now, finished and partial, except the partial file of <paramref name="except"/>.</summary>
    public long UsedBytes(string? except = null)
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        long total = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
            if (except is null || file.Name != except + PartExtension) total += file.Length;
        return total;
    }

    /// <summary>
    /// Checks the downloaded <c>.part</c> of <paramref name="sha256"/>: when it hashes to its name it becomes the
    /// cached file and true is returned; otherwise it is deleted (the next attempt starts from zero) and false.
    /// </summary>
    public bool Commit(string sha256)
    {
        var part = PartPath(sha256);
        if (HashOf(part) != sha256)
        {
            File.Delete(part);
            return false;
        }
        File.Move(part, ReadyPath(sha256), overwrite: true);
        lock (_gate) _ready.Add(sha256);
        return true;
    }

    /// <summary>Forgets and deletes a cached file found corrupt when played.</summary>
    public void Evict(string sha256)
    {
        lock (_gate) _ready.Remove(sha256);
        try
        {
            File.Delete(ReadyPath(sha256));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    public static string HashOf(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
