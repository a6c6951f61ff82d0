namespace InfoRadio.Controller.Scheduling;

/// <summary>One entry of a program's approval history; rejections keep their reason.</summary>
public sealed record ApprovalEvent(
    DateTimeOffset At,
    string Actor,
    ApprovalAction Action,
    ApprovalState From,
    ApprovalState To,
    string? Reason = null);
