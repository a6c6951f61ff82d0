namespace InfoRadio.Controller.Provincial;

/// <summary>A bulletin as the API shows it.</summary>
public sealed record BulletinView(
    string Id, string Title, BulletinPriority Priority, BulletinState State, string? Reason, string? Text, string? AudioUrl, bool InlineAudio,
    IReadOnlyList<string> Targets, IReadOnlyList<string> UnknownTargets, IReadOnlyList<string> DeviceIds, string ReceivedBy, DateTimeOffset ReceivedAt,
    DateTimeOffset? ExpiresAt, long DurationMs, string? MediaId, DateTimeOffset? AirAt, string? BroadcastId, string? EmergencyId, string? ProgramId,
    string? ScheduleId, string? ScheduledBy, IReadOnlyList<string> SessionIds, DateTimeOffset? ConfirmedAt)
{
    public static BulletinView Of(BulletinRecord r) => new(
        r.Id, r.Title, r.Priority, r.State, r.Reason, r.Text, r.AudioUrl, r.InlineAudio, r.Targets, r.UnknownTargets, r.DeviceIds, r.ReceivedBy,
        r.ReceivedAt, r.ExpiresAt, r.DurationMs, r.MediaId, r.AirAt, r.BroadcastId, r.EmergencyId, r.ProgramId, r.ScheduleId, r.ScheduledBy,
        r.SessionIds, r.ConfirmedAt);
}
