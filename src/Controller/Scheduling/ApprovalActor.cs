namespace InfoRadio.Controller.Scheduling;

/// <summary>The user acting on a program, as the (later) user store vouches for them.</summary>
public sealed record ApprovalActor(string UserId, bool IsApprover)
{
    /// <summary>User ids compare case-insensitively so "Lan" cannot approve what "lan" wrote.</summary>
    public bool Is(string? userId) => string.Equals(UserId.Trim(), userId?.Trim(), StringComparison.OrdinalIgnoreCase);
}
