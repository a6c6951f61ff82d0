using InfoRadio.Controller.Storage;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Support;

/// <summary>A real controller database in a temp folder that a test can close and open again, as a restart does.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TestDatabase() => Database = Open();

    public ControllerDatabase Database { get; private set; }

    public string DataDir => _dir.Path;

    public IOptions<StorageOptions> Storage => Options.Create(new StorageOptions { DataDir = _dir.Path });

    /// <summary>Closes the database and opens it again from its file.</summary>
    public ControllerDatabase Reopen()
    {
        Database.Dispose();
        return Database = Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        _dir.Dispose();
    }

    private ControllerDatabase Open() => new(Storage);
}
