namespace InfoRadio.Controller.Offline;

/// <summary>One encoded content file, keyed by the identity of its source (what was encoded, and how).</summary>
public sealed class ContentDocument
{
    /// <summary>SHA-256 (hex) of the source key: the source key itself may be long.</summary>
    public string Id { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
    public long Samples { get; set; }
    public DateTime EncodedAt { get; set; }
    /// <summary>Last time a plan named it; the grace before deletion runs from here.</summary>
    public DateTime LastReferencedAt { get; set; }
}
