namespace InfoRadio.Controller.Audit;

/// <summary>A filter over the audit log; empty fields match everything.</summary>
public sealed record AuditQuery(DateTimeOffset? Since = null, string? Actor = null, string? Action = null, string? Target = null, int Limit = 100);
