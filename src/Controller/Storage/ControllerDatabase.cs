using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process, at <c>{DataDir}/inforadio.db</c>. LiteDB is thread-safe
/// within one instance but must never be opened twice on a file, hence a singleton behind the folder lock.
/// </summary>
public sealed class ControllerDatabase : IDisposable
{
    public const string FileName = "inforadio.db";

    /// <param name="options">The data folder.</param>
    /// <param name="directoryLock">
    /// The folder's lock. Taking it as a dependency makes the container acquire the lock before the database is
    /// opened; it is optional so that a caller that owns the lock itself can construct the database directly.
    /// </param>
    public ControllerDatabase(IOptions<StorageOptions> options, DataDirectoryLock? directoryLock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = Path.GetFullPath(options.Value.DataDir);
        if (directoryLock is not null && directoryLock.DataDir != dataDir)
            throw new InvalidOperationException(
                $"The data folder lock is held on '{directoryLock.DataDir}' but the database is configured in '{dataDir}'.");
        Directory.CreateDirectory(dataDir);
        FilePath = Path.Combine(dataDir, FileName);
        // A mapper of its own: LiteDB's global one publishes a type's mapping before it is complete, so two databases
        // of one process (the tests run several controllers) mapping the same type at once could see it half built.
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, new BsonMapper());
    }

    public LiteDatabase Database { get; }

    public string FilePath { get; }

    public void Dispose() => Database.Dispose();
}
