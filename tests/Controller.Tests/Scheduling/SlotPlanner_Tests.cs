using InfoRadio.Controller.Scheduling;
using Microsoft.Extensions.Time.Testing;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class SlotPlanner_Tests
{
    private readonly FakeTimeProvider _time = new(Vn(2025, 3, 1, 6, 0));
    private readonly InMemorySchedulingCatalog _catalog = new();
    private readonly InMemoryAirLedger _ledger = new();
    private static readonly ApprovalActor Author = new("lan", false);
    private static readonly ApprovalActor Approver = new("hung", true);

    private SlotPlanner NewPlanner() => new(_catalog, _ledger, _time);

    private void At(int hour, int minute, int second = 0) => _time.SetUtcNow(Vn(2025, 3, 1, hour, minute, second));

    private void AddDaily(string id, int hour, int minute = 0, BroadcastProgram? program = null)
    {
        _catalog.Put(program ?? Program(id));
        _catalog.Put(Schedule("s-" + id, (program ?? Program(id)).Id, ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(hour, minute)]), createdAt: NewYear));
    }

    /// <summary>Ticks and claims everything offered, as the host loop will.</summary>
    private static (List<PlannedSlot> Started, SlotPlan Plan) Run(SlotPlanner planner)
    {
        var plan = planner.Tick();
        var started = plan.ToStart.Where(planner.Claim).ToList();
        return (started, plan);
    }

    [Fact]
    public void A_slot_starts_on_time_once()
    {
        AddDaily("news", 7);
        var planner = NewPlanner();
        Assert.Empty(Run(planner).Started);
        Assert.Equal(Vn(2025, 3, 1, 7), planner.NextDueAt());

        At(7, 0, 2);
        var (started, _) = Run(planner);
        var slot = Assert.Single(started);
        Assert.Equal((AirOutcome.OnTime, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(15)), (slot.Outcome, slot.Lateness, slot.PlayDuration));
        Assert.Equal(new SlotKey("s-news", Vn(2025, 3, 1, 7)), slot.Slot.Key);
        Assert.Equal(AirOutcome.OnTime, _ledger.Find(slot.Slot.Key)!.Outcome);

        At(7, 0, 3);
        Assert.Empty(Run(planner).Started);
        Assert.Empty(Run(NewPlanner()).Started);
        Assert.Equal(Vn(2025, 3, 2, 7), planner.NextDueAt());
    }

    [Fact]
    public void The_first_run_owes_nothing_from_before_it()
    {
        At(9, 0);
        AddDaily("news", 7);
        var (started, plan) = Run(NewPlanner());
        Assert.Empty(started);
        Assert.Empty(plan.Missed);
        Assert.Empty(_ledger.Records());
    }

    [Fact]
    public void After_a_short_downtime_the_slot_plays_late()
    {
        AddDaily("news", 7);
        Run(NewPlanner());
        At(6, 55);
        Run(NewPlanner());
        // Down from 06:55 to 07:04.
        At(7, 4);
        var slot = Assert.Single(Run(NewPlanner()).Started);
        Assert.Equal((AirOutcome.Late, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(15)), (slot.Outcome, slot.Lateness, slot.PlayDuration));
    }

    [Fact]
    public void After_a_long_downtime_the_slot_is_logged_missed_with_the_reason()
    {
        AddDaily("news", 7);
        At(6, 55);
        Run(NewPlanner());
        At(7, 30);
        var (started, plan) = Run(NewPlanner());
        Assert.Empty(started);
        var missed = Assert.Single(plan.Missed);
        Assert.Equal((AirOutcome.Missed, MissReason.NotStartedInTime), (missed.Outcome, missed.Reason));
        Assert.Contains("the planner did not run between 2025-02-28 23:55:00Z and 2025-03-01 00:30:00Z (controller down)", missed.Detail);
        Assert.Equal(missed, _ledger.Find(missed.Key));
    }

    [Fact]
    public void A_relay_is_joined_late_until_shortly_before_its_end()
    {
        var relay = Program("vov", content: new StreamRelayContent("https://vov.vn/live"), duration: TimeSpan.FromHours(2));
        AddDaily("vov", 6, 30, relay);
        Run(NewPlanner());
        At(7, 15);
        var joined = Assert.Single(Run(NewPlanner()).Started);
        Assert.Equal((AirOutcome.Late, TimeSpan.FromMinutes(75)), (joined.Outcome, joined.PlayDuration));

        // Next day, back only 30 s before the end: not worth it, logged missed.
        _time.SetUtcNow(Vn(2025, 3, 2, 8, 29, 30));
        var plan = Run(NewPlanner()).Plan;
        Assert.Equal(MissReason.NotStartedInTime, Assert.Single(plan.Missed).Reason);
    }

    [Fact]
    public void A_slot_waits_for_approval_within_the_grace_window_then_plays_late()
    {
        var bulletin = Program("tts", content: new TtsBulletinContent("Thông báo"), author: "lan", requiresApproval: true);
        AddDaily("tts", 7, program: ApprovalWorkflow.Submit(bulletin, Author, NewYear));
        var planner = NewPlanner();
        Run(planner);
        At(7, 0);
        Assert.Empty(Run(planner).Started);
        Assert.Equal(Vn(2025, 3, 1, 7, 10).AddTicks(1), planner.NextDueAt());

        At(7, 3);
        _catalog.Put(ApprovalWorkflow.Approve(_catalog.FindProgram("tts")!, Approver, _time.GetUtcNow()));
        var slot = Assert.Single(Run(planner).Started);
        Assert.Equal((AirOutcome.Late, TimeSpan.FromMinutes(3)), (slot.Outcome, slot.Lateness));
    }

    [Fact]
    public void A_slot_never_approved_is_logged_missed_after_the_grace_window()
    {
        var bulletin = Program("tts", content: new TtsBulletinContent("Thông báo"), requiresApproval: true);
        AddDaily("tts", 7, program: bulletin);
        var planner = NewPlanner();
        Run(planner);
        At(7, 10);
        Assert.Empty(Run(planner).Plan.Missed);
        At(7, 10, 1);
        var missed = Assert.Single(Run(planner).Plan.Missed);
        Assert.Equal(MissReason.NotApproved, missed.Reason);
        Assert.Equal("program is draft, not approved", missed.Detail);
    }

    [Fact]
    public void A_rejected_program_is_missed_with_the_rejection_reason()
    {
        var pending = ApprovalWorkflow.Submit(Program("tts", content: new TtsBulletinContent("Quảng cáo"), requiresApproval: true), Author, NewYear);
        AddDaily("tts", 7, program: ApprovalWorkflow.Reject(pending, Approver, "Không phải thông tin công cộng", NewYear));
        Run(NewPlanner());
        At(7, 30);
        var missed = Assert.Single(Run(NewPlanner()).Plan.Missed);
        Assert.Equal("program is rejected: Không phải thông tin công cộng", missed.Detail);
    }

    [Fact]
    public void A_cancelled_warning_stops_and_owes_nothing_more()
    {
        _catalog.Put(Program("storm"));
        var storm = Schedule("s-storm", "storm", ScheduleRules.EveryHours(Local(2025, 3, 1, 6, 30), 1), createdAt: Vn(2025, 3, 1, 6));
        _catalog.Put(storm);
        var planner = NewPlanner();
        var started = new List<PlannedSlot>();
        for (var minute = 0; minute <= 6 * 60; minute++)
        {
            _time.SetUtcNow(Vn(2025, 3, 1, 6).AddMinutes(minute));
            if (minute == 3 * 60) _catalog.Put(storm.Cancel(_time.GetUtcNow()));
            started.AddRange(Run(planner).Started);
        }
        Assert.Equal([6, 7, 8], started.Select(s => s.Slot.Start.Hour));
        Assert.DoesNotContain(_ledger.Records(), r => r.Outcome == AirOutcome.Missed);
    }

    [Fact]
    public void A_schedule_added_late_does_not_owe_its_past()
    {
        var planner = NewPlanner();
        Run(planner);
        At(9, 0);
        Run(planner);
        _catalog.Put(Program("late"));
        _catalog.Put(Schedule("s-late", "late", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(8, 59, 30), new TimeOnly(9, 1)]), createdAt: _time.GetUtcNow()));
        At(9, 1);
        var slot = Assert.Single(Run(planner).Started);
        Assert.Equal(Vn(2025, 3, 1, 9, 1), slot.Slot.Start);
        Assert.Single(_ledger.Records());
    }

    [Fact]
    public void A_slot_offered_but_not_claimed_before_a_crash_is_offered_again_late()
    {
        AddDaily("news", 7);
        Run(NewPlanner());
        At(7, 0, 1);
        var offered = Assert.Single(NewPlanner().Tick().ToStart); // crash before the claim
        At(7, 2);
        var again = Assert.Single(Run(NewPlanner()).Started);
        Assert.Equal(offered.Slot.Key, again.Slot.Key);
        Assert.Equal(AirOutcome.Late, again.Outcome);
        Assert.False(NewPlanner().Claim(offered));
    }

    [Fact]
    public void A_clock_that_steps_back_re_decides_nothing()
    {
        AddDaily("news", 7);
        // FakeTimeProvider refuses to go back, so this test steps a clock of its own.
        var clock = new SteppingClock { Now = Vn(2025, 3, 1, 6) };
        var planner = new SlotPlanner(_catalog, _ledger, clock);
        planner.Tick();
        clock.Now = Vn(2025, 3, 1, 7, 0, 1);
        Assert.True(planner.Claim(Assert.Single(planner.Tick().ToStart)));
        clock.Now = Vn(2025, 3, 1, 6, 50);
        Assert.Same(SlotPlan.Empty, planner.Tick());
        clock.Now = Vn(2025, 3, 1, 7, 0, 2);
        Assert.Empty(planner.Tick().ToStart);
        Assert.Single(_ledger.Records());
    }

    private sealed class SteppingClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_schedule_that_cannot_be_expanded_is_reported_and_others_still_air()
    {
        var catalog = new FixedCatalog(
            [Program("ok"), Program("bad")],
            [Schedule("s-ok", "ok", ScheduleRules.Once(Local(2025, 3, 1, 7))),
             Schedule("s-bad", "bad", [new RecurrenceLine(Local(2025, 1, 1, 7), "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")])]);
        var planner = new SlotPlanner(catalog, _ledger, _time);
        planner.Tick();
        At(7, 0);
        var plan = planner.Tick();
        Assert.Equal("s-ok", Assert.Single(plan.ToStart).Slot.ScheduleId);
        Assert.Equal("s-bad", Assert.Single(plan.Problems).ScheduleId);
    }

    [Fact]
    public void A_slot_whose_program_vanished_is_logged_missed()
    {
        var catalog = new FixedCatalog([], [Schedule("s-x", "gone", ScheduleRules.Once(Local(2025, 3, 1, 7)))]);
        var planner = new SlotPlanner(catalog, _ledger, _time);
        planner.Tick();
        At(7, 0);
        var missed = Assert.Single(planner.Tick().Missed);
        Assert.Equal(MissReason.ProgramMissing, missed.Reason);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SlotPlanner(_catalog, _ledger, _time, new SlotPlannerOptions { LateGrace = TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentException>(() => new SlotPlanner(_catalog, _ledger, _time, new SlotPlannerOptions { Lookahead = TimeSpan.FromDays(90) }));
    }

    /// <summary>A catalog that takes what it is given, unchecked, as a corrupt store might.</summary>
    private sealed class FixedCatalog(IReadOnlyList<BroadcastProgram> programs, IReadOnlyList<Schedule> schedules) : ISchedulingCatalog
    {
        public long Version => 1;
        public IReadOnlyCollection<Schedule> Schedules => schedules;
        public BroadcastProgram? FindProgram(string programId) => programs.FirstOrDefault(p => p.Id == programId);
    }
}
