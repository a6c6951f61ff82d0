using InfoRadio.Controller.Scheduling;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

public sealed class ApprovalWorkflow_Tests
{
    private static readonly ApprovalActor Author = new("lan", IsApprover: true);
    private static readonly ApprovalActor Approver = new("hung", IsApprover: true);
    private static readonly ApprovalActor Clerk = new("mai", IsApprover: false);
    private static readonly DateTimeOffset T0 = Vn(2025, 4, 1, 8);

    private static BroadcastProgram Bulletin() =>
        Program("storm", content: new TtsBulletinContent("Bão số 3 sắp đổ bộ."), author: "lan", requiresApproval: true);

    [Fact]
    public void Draft_to_pending_to_approved_by_another_approver_then_it_may_air()
    {
        var draft = Bulletin();
        Assert.False(draft.CanAir);
        var pending = ApprovalWorkflow.Submit(draft, Author, T0);
        Assert.Equal(ApprovalState.Pending, pending.Approval);
        Assert.False(pending.CanAir);
        var approved = ApprovalWorkflow.Approve(pending, Approver, T0.AddMinutes(5));
        Assert.Equal(ApprovalState.Approved, approved.Approval);
        Assert.True(approved.CanAir);
        Assert.Equal(
            [new ApprovalEvent(T0, "lan", ApprovalAction.Submitted, ApprovalState.Draft, ApprovalState.Pending),
             new ApprovalEvent(T0.AddMinutes(5), "hung", ApprovalAction.Approved, ApprovalState.Pending, ApprovalState.Approved)],
            approved.ApprovalHistory);
    }

    [Theory]
    [InlineData("lan")]
    [InlineData("LAN")]
    [InlineData(" lan ")]
    public void The_author_may_not_approve_even_as_an_approver(string userId)
    {
        var pending = ApprovalWorkflow.Submit(Bulletin(), Author, T0);
        var e = Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Approve(pending, new ApprovalActor(userId, true), T0));
        Assert.Contains("may not approve", e.Message);
    }

    [Fact]
    public void A_user_without_the_approver_role_may_neither_approve_nor_reject()
    {
        var pending = ApprovalWorkflow.Submit(Bulletin(), Author, T0);
        Assert.Contains("approver role", Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Approve(pending, Clerk, T0)).Message);
        Assert.Contains("approver role", Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Reject(pending, Clerk, "no", T0)).Message);
    }

    [Fact]
    public void A_rejection_keeps_its_reason_and_a_revision_goes_back_to_draft()
    {
        var pending = ApprovalWorkflow.Submit(Bulletin(), Author, T0);
        var rejected = ApprovalWorkflow.Reject(pending, Approver, "  Sai tên thôn.  ", T0.AddMinutes(1));
        Assert.Equal(ApprovalState.Rejected, rejected.Approval);
        Assert.False(rejected.CanAir);
        Assert.Equal("Sai tên thôn.", rejected.RejectionReason);
        Assert.Equal("Sai tên thôn.", rejected.ApprovalHistory[^1].Reason);

        var fixedText = rejected with { Content = new TtsBulletinContent("Bão số 3 sắp đổ bộ vào thôn Đông.") };
        var revised = ApprovalWorkflow.Revise(rejected, fixedText, Author, T0.AddMinutes(2));
        Assert.Equal(ApprovalState.Draft, revised.Approval);
        Assert.Equal(ApprovalAction.Revised, revised.ApprovalHistory[^1].Action);
        Assert.Null(revised.RejectionReason);
        Assert.Equal(3, revised.ApprovalHistory.Count);

        var approved = ApprovalWorkflow.Approve(ApprovalWorkflow.Submit(revised, Author, T0.AddMinutes(3)), Approver, T0.AddMinutes(4));
        Assert.True(approved.CanAir);
        Assert.Equal(5, approved.ApprovalHistory.Count);
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        var pending = ApprovalWorkflow.Submit(Bulletin(), Author, T0);
        Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Reject(pending, Approver, " ", T0));
        Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Reject(pending, Approver, new string('x', ApprovalWorkflow.MaxReasonLength + 1), T0));
    }

    [Fact]
    public void Revising_an_approved_program_voids_the_approval()
    {
        var approved = ApprovalWorkflow.Approve(ApprovalWorkflow.Submit(Bulletin(), Author, T0), Approver, T0);
        var revised = ApprovalWorkflow.Revise(approved, approved with { Title = "Cảnh báo bão" }, Author, T0.AddHours(1));
        Assert.Equal(ApprovalState.Draft, revised.Approval);
        Assert.False(revised.CanAir);
        Assert.Equal("Cảnh báo bão", revised.Title);
    }

    [Fact]
    public void A_revision_cannot_drop_the_need_for_approval_nor_change_the_id()
    {
        var approved = ApprovalWorkflow.Approve(ApprovalWorkflow.Submit(Bulletin(), Author, T0), Approver, T0);
        var revised = ApprovalWorkflow.Revise(approved, approved with { RequiresApproval = false }, Author, T0);
        Assert.True(revised.RequiresApproval);
        Assert.False(revised.CanAir);
        Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Revise(approved, approved with { Id = "other" }, Author, T0));
        Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Revise(approved, approved with { Title = "" }, Author, T0));
    }

    [Fact]
    public void Only_the_author_may_withdraw_a_pending_program()
    {
        var pending = ApprovalWorkflow.Submit(Bulletin(), Author, T0);
        Assert.Throws<SchedulingException>(() => ApprovalWorkflow.Withdraw(pending, Approver, T0));
        var draft = ApprovalWorkflow.Withdraw(pending, Author, T0);
        Assert.Equal(ApprovalState.Draft, draft.Approval);
    }

    /// <summary>Every action from every state: exactly the arrows of the state machine are allowed.</summary>
    [Theory]
    [InlineData(ApprovalState.Draft, "submit", ApprovalState.Pending)]
    [InlineData(ApprovalState.Draft, "approve", null)]
    [InlineData(ApprovalState.Draft, "reject", null)]
    [InlineData(ApprovalState.Draft, "withdraw", null)]
    [InlineData(ApprovalState.Pending, "submit", null)]
    [InlineData(ApprovalState.Pending, "approve", ApprovalState.Approved)]
    [InlineData(ApprovalState.Pending, "reject", ApprovalState.Rejected)]
    [InlineData(ApprovalState.Pending, "withdraw", ApprovalState.Draft)]
    [InlineData(ApprovalState.Approved, "submit", null)]
    [InlineData(ApprovalState.Approved, "approve", null)]
    [InlineData(ApprovalState.Approved, "reject", null)]
    [InlineData(ApprovalState.Approved, "withdraw", null)]
    [InlineData(ApprovalState.Rejected, "submit", null)]
    [InlineData(ApprovalState.Rejected, "approve", null)]
    [InlineData(ApprovalState.Rejected, "reject", null)]
    [InlineData(ApprovalState.Rejected, "withdraw", null)]
    public void Transitions(ApprovalState from, string action, ApprovalState? to)
    {
        var program = Bulletin() with { Approval = from };
        Func<BroadcastProgram> act = action switch
        {
            "submit" => () => ApprovalWorkflow.Submit(program, Author, T0),
            "approve" => () => ApprovalWorkflow.Approve(program, Approver, T0),
            "reject" => () => ApprovalWorkflow.Reject(program, Approver, "reason", T0),
            _ => () => ApprovalWorkflow.Withdraw(program, Author, T0),
        };
        if (to is { } expected)
        {
            var after = act();
            Assert.Equal(expected, after.Approval);
            Assert.Equal(expected == ApprovalState.Approved, after.CanAir);
        }
        else
        {
            Assert.Throws<SchedulingException>(act);
        }
    }

    [Fact]
    public void A_program_that_needs_no_approval_airs_in_any_state()
    {
        Assert.True(Program("music").CanAir);
        Assert.True((Program("music") with { Approval = ApprovalState.Pending }).CanAir);
    }
}
