using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Tests.Storage;

public sealed class ControllerDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Opens_inforadio_db_in_the_data_folder_and_keeps_what_is_written()
    {
        var options = Options.Create(new StorageOptions { DataDir = Path.Combine(_dir.Path, "data") });
        using (var db = new ControllerDatabase(options))
        {
            Assert.Equal(Path.Combine(_dir.Path, "data", ControllerDatabase.FileName), db.FilePath);
            db.Database.GetCollection("things").Insert(new BsonDocument { ["_id"] = "a", ["n"] = 1 });
        }
        Assert.True(File.Exists(Path.Combine(_dir.Path, "data", ControllerDatabase.FileName)));
        using var reopened = new ControllerDatabase(options);
        Assert.Equal(1, reopened.Database.GetCollection("things").FindById("a")["n"].AsInt32);
    }

    [Fact]
    public void Refuses_a_lock_held_on_another_folder()
    {
        using var held = DataDirectoryLock.Acquire(Path.Combine(_dir.Path, "one"));
        var options = Options.Create(new StorageOptions { DataDir = Path.Combine(_dir.Path, "two") });
        Assert.Throws<InvalidOperationException>(() => new ControllerDatabase(options, held));
    }
}
