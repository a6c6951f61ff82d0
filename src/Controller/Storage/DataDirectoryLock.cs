using System.Globalization;
using System.Text;

namespace InfoRadio.Controller.Storage;

/// <summary>
/// Exclusive ownership of a data folder for the lifetime of the process. LiteDB does not lock its file on Linux,
/// so without this two controllers started on one folder would silently corrupt the database.
/// </summary>
/// <remarks>
/// On Unix, .NET takes an advisory <c>flock(LOCK_EX | LOCK_NB)</c> for a <see cref="FileStream"/> opened with
/// <see cref="FileShare.None"/>. flock belongs to the open file description, so a second open of the same file
/// fails both from another process and from this one. The kernel drops the lock when the process dies, so a crash
/// never leaves a stale lock behind (which is why the file is never deleted and a pid inside is only informative).
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    public const string LockFileName = "controller.lock";

    private readonly FileStream _stream;

    private DataDirectoryLock(string dataDir, FileStream stream)
    {
        DataDir = dataDir;
        _stream = stream;
    }

    /// <summary>Full path of the locked folder.</summary>
    public string DataDir { get; }

    public string LockFilePath => _stream.Name;

    /// <summary>Creates <paramref name="dataDir"/> if needed and locks it, or throws <see cref="DataDirectoryInUseException"/>.</summary>
    public static DataDirectoryLock Acquire(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var fullPath = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(fullPath);
        var lockPath = Path.Combine(fullPath, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataDirectoryInUseException(fullPath, ex);
        }

        try
        {
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(0);
            stream.Write(pid);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new DataDirectoryLock(fullPath, stream);
    }

    public void Dispose() => _stream.Dispose();
}
