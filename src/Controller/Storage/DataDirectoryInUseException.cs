namespace InfoRadio.Controller.Storage;

/// <summary>Another controller process (or another instance in this process) holds the data folder.</summary>
public sealed class DataDirectoryInUseException(string dataDir, Exception? inner = null)
    : Exception(
        $"The data folder '{dataDir}' is in use by another InfoRadio controller (its lock file "
        + $"'{Path.Combine(dataDir, DataDirectoryLock.LockFileName)}' is held). Stop the other controller or give "
        + "this one its own folder (Storage:DataDir); two controllers on one database would corrupt it.",
        inner)
{
    public string DataDir { get; } = dataDir;
}
