using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>How the API shows a program: enums as tokens ("tts-bulletin"), content fields flat, its approval history.</summary>
public sealed record ProgramView(
    string Id,
    string Title,
    string Kind,
    string Class,
    string Origin,
    string Author,
    bool RequiresApproval,
    string Approval,
    bool CanAir,
    string? RejectionReason,
    string Preemption,
    int DurationSeconds,
    string? MediaId,
    string? PlaylistId,
    string? Text,
    string? Voice,
    double? Speed,
    string? StreamUrl,
    IReadOnlyList<ApprovalEventView> History,
    string? FallbackMediaId = null)
{
    public static ProgramView Of(BroadcastProgram p) => new(
        p.Id, p.Title, ApiBody.Token(p.Kind), ApiBody.Token(p.Class), ApiBody.Token(p.Origin), p.Author, p.RequiresApproval,
        ApiBody.Token(p.Approval), p.CanAir, p.RejectionReason, ApiBody.Token(p.Preemption), (int)p.Duration.TotalSeconds,
        p.Content switch { AudioFileContent f => f.MediaId, TtsBulletinContent t => t.RecordedMediaId, _ => null },
        (p.Content as PlaylistContent)?.PlaylistId,
        (p.Content as TtsBulletinContent)?.Text,
        p.Content is TtsBulletinContent tv ? ApiBody.Token(tv.Voice) : null,
        (p.Content as TtsBulletinContent)?.Speed,
        (p.Content as StreamRelayContent)?.StreamUrl,
        p.ApprovalHistory.Select(e => new ApprovalEventView(e.At, e.Actor, ApiBody.Token(e.Action), ApiBody.Token(e.From), ApiBody.Token(e.To), e.Reason)).ToArray(),
        (p.Content as StreamRelayContent)?.FallbackMediaId);
}

public sealed record ApprovalEventView(DateTimeOffset At, string Actor, string Action, string From, string To, string? Reason);
