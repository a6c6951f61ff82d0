namespace InfoRadio.Controller.Scheduling;

/// <summary>One step of the approval workflow, as kept in a program's history.</summary>
public enum ApprovalAction
{
    /// <summary>Draft sent for approval.</summary>
    Submitted,
    /// <summary>Pending program withdrawn back to draft by its author.</summary>
    Withdrawn,
    /// <summary>Approved by an approver other than the author.</summary>
    Approved,
    /// <summary>Rejected by an approver, with a reason.</summary>
    Rejected,
    /// <summary>Content changed: any earlier approval no longer holds.</summary>
    Revised,
}
