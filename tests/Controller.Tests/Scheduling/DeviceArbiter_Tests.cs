using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class DeviceArbiter_Tests
{
    private static readonly DateTimeOffset T = Samples.Vn(2025, 6, 1, 9);

    private static ArbitrationCandidate C(string id, PriorityClass cls = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune,
        ClashPolicy clash = ClashPolicy.Append, PreemptionPolicy preemption = PreemptionPolicy.Resume, int startMinute = 0, int playedMinutes = 0, bool onAir = false) =>
        new(id, cls, origin, clash, preemption, T.AddMinutes(startMinute)) { Played = TimeSpan.FromMinutes(playedMinutes), OnAir = onAir };

    public static IEnumerable<object[]> Profiles() =>
        from cls in Enum.GetValues<PriorityClass>()
        from origin in Enum.GetValues<OriginLevel>()
        from clash in Enum.GetValues<ClashPolicy>()
        from pre in Enum.GetValues<PreemptionPolicy>()
        select new object[] { cls, origin, clash, pre };

    /// <summary>
    /// Every pair of (class, origin, clash policy, preemption policy) for a slot on air (started 10 minutes ago,
    /// 4 minutes played) against a newcomer: 72 × 72 = 5,184 cases checked against the rules written out plainly.
    /// </summary>
    [Fact]
    public void Every_pair_of_an_on_air_slot_and_a_newcomer_follows_the_rules()
    {
        var profiles = Profiles().Select(p => ((PriorityClass)p[0], (OriginLevel)p[1], (ClashPolicy)p[2], (PreemptionPolicy)p[3])).ToArray();
        var cases = 0;
        foreach (var (ac, ao, ak, ap) in profiles)
        foreach (var (bc, bo, bk, bp) in profiles)
        {
            var onAir = C("a", ac, ao, ak, ap, startMinute: 0, playedMinutes: 4, onAir: true);
            var newcomer = C("b", bc, bo, bk, bp, startMinute: 10);
            var d = DeviceArbiter.Decide([newcomer, onAir]);

            var newcomerWins = bc > ac || (bc == ac && bo > ao) || (bc == ac && bo == ao && bk == ClashPolicy.Override);
            var sameRank = bc == ac && bo == ao;
            var (winner, loser) = newcomerWins ? (newcomer, onAir) : (onAir, newcomer);
            Assert.Equal(winner.SlotId, d.Playing!.Slot.SlotId);
            Assert.Equal(winner.OnAir ? TimeSpan.FromMinutes(4) : TimeSpan.Zero, d.Playing.Position);

            var verdict = d.For(loser.SlotId);
            Assert.Equal(winner.SlotId, verdict.HeldBy);
            if (!newcomerWins && sameRank)
            {
                // Equal rank and the newcomer appends: it waits its turn whatever its preemption policy.
                Assert.Equal((SlotRole.Queued, VerdictReason.Appended, TimeSpan.Zero), (verdict.Role, verdict.Reason, verdict.Position));
                Assert.Empty(d.LogEntries("spk", T));
            }
            else
            {
                var reason = sameRank ? VerdictReason.Overridden : VerdictReason.Outranked;
                Assert.Equal(reason, verdict.Reason);
                var played = loser.Played;
                var (role, position) = loser.Preemption switch
                {
                    PreemptionPolicy.Resume => (SlotRole.Preempted, played),
                    PreemptionPolicy.Restart => (SlotRole.Preempted, TimeSpan.Zero),
                    _ => (SlotRole.Skipped, played),
                };
                Assert.Equal((role, position), (verdict.Role, verdict.Position));
                // The log names every interruption of what was on air and every skip, and nothing else.
                var logged = d.LogEntries("spk", T);
                var expectLog = loser.OnAir || role == SlotRole.Skipped;
                Assert.Equal(expectLog ? 1 : 0, logged.Count);
                if (expectLog) Assert.Equal(new PreemptionLogEntry("spk", T, loser.SlotId, winner.SlotId, reason, loser.Preemption, role, position, loser.OnAir), logged[0]);
            }
            cases++;
        }
        Assert.Equal(5184, cases);
    }

    [Fact]
    public void Higher_class_beats_higher_origin()
    {
        var d = DeviceArbiter.Decide([
            C("central-normal", PriorityClass.Normal, OriginLevel.Central, onAir: true, playedMinutes: 1),
            C("commune-priority", PriorityClass.Priority, OriginLevel.Commune, startMinute: 5),
        ]);
        Assert.Equal("commune-priority", d.Playing!.Slot.SlotId);
    }

    [Fact]
    public void Emergency_preempts_everything_and_the_rest_wait_by_rank_then_start()
    {
        var d = DeviceArbiter.Decide([
            C("music", startMinute: 0, playedMinutes: 12, onAir: true),
            C("news", PriorityClass.Normal, OriginLevel.Province, startMinute: 14),
            C("notice", PriorityClass.Priority, startMinute: 13),
            C("flood", PriorityClass.Emergency, OriginLevel.District, ClashPolicy.Append, startMinute: 15),
            C("ads", startMinute: 15, preemption: PreemptionPolicy.Skip),
        ]);
        Assert.Equal("flood", d.Playing!.Slot.SlotId);
        Assert.Equal(["notice", "news", "music"], d.Waiting.Select(v => v.Slot.SlotId));
        Assert.Equal(TimeSpan.FromMinutes(12), d.For("music").Position);
        Assert.Equal(["ads"], d.Skipped.Select(v => v.Slot.SlotId));
        Assert.Equal(["music", "ads"], d.LogEntries("spk-1", T).Select(e => e.SlotId));
        Assert.All(d.LogEntries("spk-1", T), e => Assert.Equal("flood", e.By));
    }

    [Fact]
    public void Among_equals_overrides_and_appends_fold_in_start_order()
    {
        var d = DeviceArbiter.Decide([
            C("h", startMinute: 0, playedMinutes: 9, onAir: true, preemption: PreemptionPolicy.Restart),
            C("a1", startMinute: 10, clash: ClashPolicy.Append),
            C("o1", startMinute: 20, clash: ClashPolicy.Override),
            C("a2", startMinute: 30, clash: ClashPolicy.Append),
        ]);
        Assert.Equal("o1", d.Playing!.Slot.SlotId);
        Assert.Equal((SlotRole.Preempted, VerdictReason.Overridden, TimeSpan.Zero), (d.For("h").Role, d.For("h").Reason, d.For("h").Position));
        Assert.Equal(SlotRole.Queued, d.For("a1").Role);
        Assert.Equal(SlotRole.Queued, d.For("a2").Role);
        Assert.Equal(["h", "a1", "a2"], d.Waiting.Select(v => v.Slot.SlotId));
    }

    [Fact]
    public void A_slot_coming_back_resumes_or_restarts_by_its_policy()
    {
        Assert.Equal(TimeSpan.FromMinutes(7), DeviceArbiter.Decide([C("r", playedMinutes: 7, preemption: PreemptionPolicy.Resume)]).Playing!.Position);
        Assert.Equal(TimeSpan.Zero, DeviceArbiter.Decide([C("r", playedMinutes: 7, preemption: PreemptionPolicy.Restart)]).Playing!.Position);
        Assert.Equal(TimeSpan.FromMinutes(7), DeviceArbiter.Decide([C("r", playedMinutes: 7, preemption: PreemptionPolicy.Restart, onAir: true)]).Playing!.Position);
    }

    [Fact]
    public void The_decision_does_not_depend_on_the_order_of_the_input()
    {
        var slots = new[]
        {
            C("a", startMinute: 0, onAir: true, playedMinutes: 3),
            C("b", PriorityClass.Priority, startMinute: 2, clash: ClashPolicy.Override),
            C("c", PriorityClass.Priority, startMinute: 2, clash: ClashPolicy.Append),
            C("d", PriorityClass.Priority, OriginLevel.District, startMinute: 1),
            C("e", startMinute: 5, preemption: PreemptionPolicy.Skip),
        };
        var expected = DeviceArbiter.Decide(slots).Verdicts;
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
            Assert.Equal(expected, DeviceArbiter.Decide(slots.OrderBy(_ => random.Next()).ToArray()).Verdicts);
    }

    [Fact]
    public void Ties_in_start_are_broken_by_slot_id()
    {
        var d = DeviceArbiter.Decide([C("zeta", clash: ClashPolicy.Override), C("alpha", clash: ClashPolicy.Override)]);
        // alpha holds first (smaller id), zeta overrides it.
        Assert.Equal("zeta", d.Playing!.Slot.SlotId);
        var e = DeviceArbiter.Decide([C("zeta"), C("alpha")]);
        Assert.Equal("alpha", e.Playing!.Slot.SlotId);
    }

    /// <summary>When nobody overrides, the winner is the one the protocol's SessionRanking picks on the device.</summary>
    [Fact]
    public void Without_overrides_the_winner_agrees_with_the_protocol_ranking()
    {
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var slots = Enumerable.Range(0, random.Next(1, 7)).Select(i => C(
                $"s{random.Next(100)}-{i}",
                (PriorityClass)random.Next(3), (OriginLevel)random.Next(4),
                startMinute: random.Next(5))).ToArray();
            var sessions = slots.Select(s => new SessionInfo
            {
                Session = s.SlotId, Stream = 1, Priority = s.Class, Origin = s.Origin,
                EpochUs = s.Start.ToUnixTimeMilliseconds() * 1000, LatencyMs = 1000,
            });
            Assert.Equal(SessionRanking.Choose(sessions)!.Session, DeviceArbiter.Decide(slots).Playing!.Slot.SlotId);
        }
    }

    /// <summary>The broadcaster's choice made when the clash was detected is what arbitration honours at the device.</summary>
    [Theory]
    [InlineData(ClashPolicy.Override, "s-new")]
    [InlineData(ClashPolicy.Append, "s-old")]
    public void The_stored_clash_policy_is_honoured_at_the_device(ClashPolicy choice, string expectedOnAir)
    {
        var old = new ScheduledProgram(Samples.Program("old", duration: TimeSpan.FromMinutes(30)),
            Samples.Schedule("s-old", "old", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 0)]), TargetSet.Of(zones: ["market"])));
        var candidate = new ScheduledProgram(Samples.Program("new"),
            Samples.Schedule("s-new", "new", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(7, 10)]), TargetSet.Of(devices: ["spk-1"]), clash: choice));
        var resolver = new TargetResolver(TargetResolver_Tests.Directory());
        var clash = new ClashDetector(resolver).Detect(candidate, [old], Samples.Vn(2025, 6, 1), Samples.Vn(2025, 6, 2)).Clashes.Single();
        Assert.Equal(ClashOutcome.PolicyDecides, clash.Outcome);

        var d = DeviceArbiter.Decide([
            ArbitrationCandidate.Of(clash.Existing, old.Program, old.Schedule) with { OnAir = true, Played = TimeSpan.FromMinutes(10) },
            ArbitrationCandidate.Of(clash.Candidate, candidate.Program, candidate.Schedule),
        ]);
        Assert.StartsWith(expectedOnAir + "@", d.Playing!.Slot.SlotId);
        Assert.Equal("s-old@20250601T000000Z", ArbitrationCandidate.Of(clash.Existing, old.Program, old.Schedule).SlotId);
    }

    [Fact]
    public void Nothing_to_decide_and_duplicates()
    {
        Assert.Null(DeviceArbiter.Decide([]).Playing);
        Assert.Throws<ArgumentException>(() => DeviceArbiter.Decide([C("x"), C("x", startMinute: 3)]));
    }
}
