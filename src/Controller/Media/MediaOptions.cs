namespace InfoRadio.Controller.Media;

/// <summary>Section "Media": limits of the media library. Files live under <c>{Storage:DataDir}/media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Longest accepted item.</summary>
    public int MaxDurationMinutes { get; set; } = 180;

    /// <summary>Most items in one playlist.</summary>
    public int MaxPlaylistItems { get; set; } = 200;

    public string? Validate()
    {
        if (MaxUploadBytes < 1) return $"{Section}:MaxUploadBytes must be positive";
        if (MaxDurationMinutes is < 1 or > 24 * 60) return $"{Section}:MaxDurationMinutes must be between 1 and 1440";
        if (MaxPlaylistItems is < 1 or > 10_000) return $"{Section}:MaxPlaylistItems must be between 1 and 10000";
        return null;
    }
}
