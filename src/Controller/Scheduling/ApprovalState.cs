namespace InfoRadio.Controller.Scheduling;

/// <summary>Where a program stands in the approval workflow (draft → pending → approved or rejected).</summary>
public enum ApprovalState
{
    Draft,
    Pending,
    Approved,
    Rejected,
}
