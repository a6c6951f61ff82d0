namespace InfoRadio.Controller.Provincial;

/// <summary>
/// The payload of a <c>bulletin-confirmation</c> push: what became of one bulletin, and which speakers played it when,
/// from the speakers' own play reports.
/// </summary>
/// <param name="Outcome"><c>aired</c> when at least one speaker played it to the end, else <c>failed</c>.</param>
public sealed record BulletinConfirmation(
    string BulletinId,
    string Title,
    BulletinPriority Priority,
    string Outcome,
    string? Reason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AirAt,
    int Targeted,
    int Played,
    int Finished,
    IReadOnlyList<BulletinDevicePlay> Devices);

/// <param name="Status"><c>finished</c> (played to the end), <c>partial</c> (started, not finished) or <c>not-played</c>.</param>
public sealed record BulletinDevicePlay(string DeviceId, string? VillageCode, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Reason);
