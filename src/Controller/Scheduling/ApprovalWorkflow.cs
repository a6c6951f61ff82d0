namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// The approval state machine: draft → pending → approved or rejected; a revision sends any state back to draft.
/// Each step returns a new program with the step appended to its history, or throws
/// <see cref="SchedulingException"/> when the step is not allowed.
/// </summary>
public static class ApprovalWorkflow
{
    public const int MaxReasonLength = 1000;

    /// <summary>Sends a draft for approval.</summary>
    public static BroadcastProgram Submit(BroadcastProgram program, ApprovalActor actor, DateTimeOffset at)
    {
        Require(program, ApprovalAction.Submitted, ApprovalState.Draft);
        return Step(program, actor, at, ApprovalAction.Submitted, ApprovalState.Pending, null);
    }

    /// <summary>Takes a pending program back to draft; only its author may.</summary>
    public static BroadcastProgram Withdraw(BroadcastProgram program, ApprovalActor actor, DateTimeOffset at)
    {
        Require(program, ApprovalAction.Withdrawn, ApprovalState.Pending);
        if (!actor.Is(program.Author)) throw new SchedulingException($"only the author ({program.Author}) may withdraw program {program.Id}");
        return Step(program, actor, at, ApprovalAction.Withdrawn, ApprovalState.Draft, null);
    }

    /// <summary>Approves a pending program; the approver must hold the approver role and must not be its author.</summary>
    public static BroadcastProgram Approve(BroadcastProgram program, ApprovalActor actor, DateTimeOffset at)
    {
        Require(program, ApprovalAction.Approved, ApprovalState.Pending);
        RequireApprover(program, actor, "approve");
        if (actor.Is(program.Author)) throw new SchedulingException($"{actor.UserId} wrote program {program.Id} and may not approve it: another approver must");
        return Step(program, actor, at, ApprovalAction.Approved, ApprovalState.Approved, null);
    }

    /// <summary>Rejects a pending program with a reason, which is kept in the history.</summary>
    public static BroadcastProgram Reject(BroadcastProgram program, ApprovalActor actor, string reason, DateTimeOffset at)
    {
        Require(program, ApprovalAction.Rejected, ApprovalState.Pending);
        RequireApprover(program, actor, "reject");
        if (string.IsNullOrWhiteSpace(reason)) throw new SchedulingException("a rejection needs a reason");
        if (reason.Length > MaxReasonLength) throw new SchedulingException($"the reason is longer than {MaxReasonLength} characters");
        return Step(program, actor, at, ApprovalAction.Rejected, ApprovalState.Rejected, reason.Trim());
    }

    /// <summary>
    /// Replaces the program's content, title, class, origin, preemption policy or duration with those of
    /// <paramref name="revised"/>. A change of what airs voids any approval: the program returns to draft.
    /// Whether approval is required is policy, not authorship, so a revision cannot change it.
    /// </summary>
    public static BroadcastProgram Revise(BroadcastProgram program, BroadcastProgram revised, ApprovalActor actor, DateTimeOffset at)
    {
        if (!string.Equals(program.Id, revised.Id, StringComparison.Ordinal)) throw new SchedulingException("a revision must keep the program id");
        var updated = program with
        {
            Title = revised.Title,
            Content = revised.Content,
            Class = revised.Class,
            Origin = revised.Origin,
            Preemption = revised.Preemption,
            Duration = revised.Duration,
        };
        if (updated.Validate() is { } error) throw new SchedulingException(error);
        return program.Approval == ApprovalState.Draft
            ? updated
            : Step(updated, actor, at, ApprovalAction.Revised, ApprovalState.Draft, null);
    }

    private static void Require(BroadcastProgram program, ApprovalAction action, ApprovalState from)
    {
        if (program.Approval != from)
            throw new SchedulingException($"program {program.Id} is {program.Approval.ToString().ToLowerInvariant()}: it cannot be {action.ToString().ToLowerInvariant()} (only from {from.ToString().ToLowerInvariant()})");
    }

    private static void RequireApprover(BroadcastProgram program, ApprovalActor actor, string verb)
    {
        if (string.IsNullOrWhiteSpace(actor.UserId)) throw new SchedulingException("the approver has no user id");
        if (!actor.IsApprover) throw new SchedulingException($"{actor.UserId} does not hold the approver role and may not {verb} program {program.Id}");
    }

    private static BroadcastProgram Step(BroadcastProgram program, ApprovalActor actor, DateTimeOffset at, ApprovalAction action, ApprovalState to, string? reason)
    {
        var entry = new ApprovalEvent(at, actor.UserId, action, program.Approval, to, reason);
        return program with { Approval = to, ApprovalHistory = [.. program.ApprovalHistory, entry] };
    }
}
