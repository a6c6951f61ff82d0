namespace InfoRadio.Controller.Storage;

/// <summary>Where the controller keeps its state. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder holding the database and the lock file; created if missing.</summary>
    public string DataDir { get; set; } = "./data";
}
