using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class ClashDetector_Tests
{
    private static readonly ClashDetector Detector = new(new TargetResolver(TargetResolver_Tests.Directory()));
    private static readonly DateTimeOffset From = Vn(2025, 1, 1);
    private static readonly DateTimeOffset To = Vn(2025, 2, 1);

    private static ScheduledProgram Entry(string id, IReadOnlyList<RecurrenceLine> lines, TargetSet targets,
        PriorityClass cls = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune, int minutes = 15, DateTimeOffset? cancelled = null) =>
        new(Program("p-" + id, cls, origin, TimeSpan.FromMinutes(minutes)), Schedule(id, "p-" + id, lines, targets, cancelledAt: cancelled));

    private static readonly ScheduledProgram MorningNews =
        Entry("news", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]), TargetSet.Of(zones: ["market"]));

    [Fact]
    public void Overlapping_slots_on_shared_devices_are_clashes_per_device_and_per_target()
    {
        // Mondays 07:10 for 20 minutes on spk-2 (in the market zone) and spk-3 (not in it).
        var weekly = Entry("health", ScheduleRules.Weekly(new DateOnly(2025, 1, 1), [DayOfWeek.Monday], [new TimeOnly(7, 10)]),
            TargetSet.Of(devices: ["spk-2", "spk-3"]), minutes: 20);
        var report = Detector.Detect(MorningNews, [weekly], From, To);

        Assert.Equal(4, report.Clashes.Count); // Mondays of January 2025: 6, 13, 20, 27
        Assert.All(report.Clashes, c => Assert.Equal(["spk-2"], c.DeviceIds));
        Assert.All(report.Clashes, c => Assert.Equal(DayOfWeek.Monday, c.Candidate.Start.DayOfWeek));
        Assert.Equal(["spk-2"], report.ByDevice.Keys);
        Assert.Equal([TargetRef.Zone("market")], report.ByTarget.Keys);
        Assert.Equal(["p-health"], report.ProgramsByTarget()[TargetRef.Zone("market")].Select(p => p.Id));
        Assert.True(report.NeedsChoice);
        Assert.All(report.Clashes, c => Assert.Equal(ClashOutcome.PolicyDecides, c.Outcome));
    }

    [Fact]
    public void Slots_that_only_touch_or_reach_other_devices_do_not_clash()
    {
        var afterwards = Entry("after", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 15)]), TargetSet.Of(zones: ["market"]));
        var elsewhere = Entry("else", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]), TargetSet.Of(devices: ["spk-3"]));
        var report = Detector.Detect(MorningNews, [afterwards, elsewhere], From, To);
        Assert.False(report.HasClashes);
        Assert.False(report.NeedsChoice);
    }

    [Theory]
    [InlineData(PriorityClass.Priority, OriginLevel.Commune, ClashOutcome.CandidateOutranked)]
    [InlineData(PriorityClass.Normal, OriginLevel.District, ClashOutcome.CandidateOutranked)]
    [InlineData(PriorityClass.Normal, OriginLevel.Commune, ClashOutcome.PolicyDecides)]
    public void Each_clash_says_how_arbitration_would_settle_it(PriorityClass cls, OriginLevel origin, ClashOutcome expected)
    {
        var other = Entry("other", ScheduleRules.Once(Local(2025, 1, 5, 7, 5)), TargetSet.Of(areas: ["v1"]), cls, origin);
        Assert.Equal(expected, Detector.Detect(MorningNews, [other], From, To).Clashes.Single().Outcome);
        var reversed = Detector.Detect(other, [MorningNews], From, To).Clashes.Single().Outcome;
        Assert.Equal(expected switch
        {
            ClashOutcome.CandidateOutranked => ClashOutcome.CandidateOutranks,
            ClashOutcome.CandidateOutranks => ClashOutcome.CandidateOutranked,
            _ => ClashOutcome.PolicyDecides,
        }, reversed);
    }

    [Fact]
    public void A_slot_that_began_before_the_horizon_still_clashes_inside_it()
    {
        var longRelay = Entry("relay", ScheduleRules.Once(Local(2024, 12, 31, 23)), TargetSet.Of(devices: ["spk-1"]), minutes: 9 * 60);
        var report = Detector.Detect(MorningNews, [longRelay], From, To);
        Assert.Equal(Vn(2025, 1, 1, 7), report.Clashes.Single().Candidate.Start);
    }

    [Fact]
    public void The_schedule_being_edited_does_not_clash_with_itself_nor_cancelled_slots_with_anything()
    {
        Assert.False(Detector.Detect(MorningNews, [MorningNews], From, To).HasClashes);
        var cancelled = Entry("c", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 5)]), TargetSet.Of(devices: ["spk-1"]), cancelled: Vn(2025, 1, 10));
        Assert.Equal(9, Detector.Detect(MorningNews, [cancelled], From, To).Clashes.Count);
    }

    [Fact]
    public void Unknown_targets_are_reported_and_huge_reports_are_truncated()
    {
        var ghost = Entry("ghost", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]), TargetSet.Of(devices: ["spk-1", "nobody"]));
        var every = Entry("every", [new RecurrenceLine(Local(2025, 1, 1), "FREQ=MINUTELY;INTERVAL=5")], TargetSet.Of(devices: ["spk-1"]));
        var report = Detector.Detect(ghost, [every], From, To, maxClashes: 50);
        Assert.Equal([TargetRef.Device("nobody")], report.UnknownTargets);
        Assert.True(report.Truncated);
        Assert.Equal(50, report.Clashes.Count);
    }
}
