namespace InfoRadio.Controller.Provincial;

/// <summary>
/// A bulletin as the province sends it (POST /api/provincial/bulletins, or one element of the polled array). Every
/// member is read strictly (unknown members are refused) and checked by <see cref="BulletinValidator"/>.
/// </summary>
public sealed record BulletinBody(
    string? Id,
    string? Title,
    string? Priority,
    BulletinAudioBody? Audio,
    string? Text,
    IReadOnlyList<string>? Targets,
    string? Voice = null,
    DateTimeOffset? ExpiresAt = null);

/// <summary>The bulletin's recording: exactly one of a URL to fetch (https) or the file itself in base64 (WAV or MP3).</summary>
public sealed record BulletinAudioBody(string? Url, string? Base64);

/// <summary>How urgent a bulletin is (Circular 39's classes): normal waits for the commune, priority takes the next free slot, emergency airs at once.</summary>
public enum BulletinPriority
{
    Normal,
    Priority,
    Emergency,
}

public enum BulletinState
{
    /// <summary>Accepted; its audio is being fetched, decoded or spoken.</summary>
    Received,
    /// <summary>A normal bulletin waiting for the commune to schedule it.</summary>
    Queued,
    /// <summary>A normal bulletin the commune scheduled: it airs at <see cref="BulletinRecord.AirAt"/>.</summary>
    Scheduled,
    /// <summary>On air (or a priority bulletin announced for its slot), waiting for the speakers to finish.</summary>
    Airing,
    /// <summary>Played (by at least one speaker) and confirmed to the province.</summary>
    Aired,
    /// <summary>Could not air (audio unusable, no speaker played it, expired); confirmed to the province as such.</summary>
    Failed,
}
