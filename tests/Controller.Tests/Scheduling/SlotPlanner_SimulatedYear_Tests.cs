using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

/// <summary>
/// A year of a busy commune calendar driven on a fake clock: 23 programs with daily, weekly, date-range, repeat,
/// every-N-hours and monthly rules, overlaps, approvals, a cancellation, a schedule added mid-year, and restarts of
/// every kind (instant, short, long, crash before claiming, crash inside the ledger). Every slot must be decided
/// exactly once, with the outcome an independent reading of the rules predicts.
/// </summary>
[Collection(IcalNetCollection.Name)]
public sealed class SlotPlanner_SimulatedYear_Tests
{
    private static readonly DateTimeOffset Start = Vn(2025, 1, 1);
    private static readonly DateTimeOffset End = Vn(2026, 1, 1);
    private static readonly SlotPlannerOptions Options = new();

    private sealed record Spec(BroadcastProgram Program, Schedule Schedule, IEnumerable<DateTime> Oracle);

    /// <summary>A restart: the planner dies at <see cref="At"/> and a new one starts after <see cref="Down"/>.</summary>
    private sealed record Outage(DateTimeOffset At, TimeSpan Down, bool TickBeforeDying = false, bool LedgerFailsOnReturn = false);

    [Fact]
    public void A_year_airs_every_slot_exactly_once_through_restarts()
    {
        var specs = Specs();
        Assert.True(specs.Select(s => s.Program.Id).Distinct().Count() >= 20);

        var time = new FakeTimeProvider(Start);
        var catalog = new InMemorySchedulingCatalog();
        var ledger = new FailingLedger(new InMemoryAirLedger());
        foreach (var s in specs.Where(s => s.Schedule.CreatedAt <= Start))
        {
            catalog.Put(s.Program);
            catalog.Put(s.Schedule);
        }

        var approver = new ApprovalActor("hung", true);
        var changes = new SortedList<DateTimeOffset, Action>
        {
            [Vn(2025, 7, 1, 10)] = () => catalog.Put(ApprovalWorkflow.Approve(catalog.FindProgram("weekly-qa")!, approver, time.GetUtcNow())),
            [Vn(2025, 8, 1, 10)] = () => Add(catalog, specs, "late-added"),
            [Vn(2025, 9, 5, 5)] = () => Add(catalog, specs, "storm"),
            [Vn(2025, 9, 8, 12)] = () => catalog.Put(catalog.FindSchedule("s-storm")!.Cancel(time.GetUtcNow())),
            [Vn(2025, 10, 19, 22)] = () => Add(catalog, specs, "flood"),
            [Vn(2025, 10, 22, 0)] = () => catalog.Put(catalog.FindSchedule("s-flood")!.Cancel(time.GetUtcNow())),
        };
        var outages = Outages(changes.Keys);

        // Drive the year: tick when the planner says, a little late as a real timer would; apply catalog changes
        // and restarts at their instants.
        var random = new Random(7);
        var claimed = new List<SlotKey>();
        var upAt = new List<(DateTimeOffset From, DateTimeOffset Up)>();
        var planner = new SlotPlanner(catalog, ledger, time, Options);
        TickAndClaim();
        var pendingOutages = new Queue<Outage>(outages);
        while (time.GetUtcNow() < End)
        {
            var due = planner.NextDueAt() + TimeSpan.FromMilliseconds(random.Next(0, 3000));
            var change = changes.Keys.FirstOrDefault(k => k > time.GetUtcNow(), DateTimeOffset.MaxValue);
            var outage = pendingOutages.Count > 0 ? pendingOutages.Peek().At : DateTimeOffset.MaxValue;
            if (outage <= due && outage <= change)
            {
                var o = pendingOutages.Dequeue();
                time.SetUtcNow(o.At);
                var from = o.At;
                if (o.TickBeforeDying)
                {
                    Assert.NotEmpty(planner.Tick().ToStart); // offered, never claimed: the process dies here
                    from = o.At - TimeSpan.FromTicks(1);
                }
                time.SetUtcNow(o.At + o.Down);
                planner = new SlotPlanner(catalog, ledger, time, Options);
                if (o.LedgerFailsOnReturn)
                {
                    ledger.FailAfter(2);
                    Assert.Throws<IOException>(() => planner.Tick());
                    time.Advance(TimeSpan.FromMinutes(1));
                    planner = new SlotPlanner(catalog, ledger, time, Options);
                }
                upAt.Add((from, time.GetUtcNow()));
                TickAndClaim();
            }
            else if (change <= due)
            {
                time.SetUtcNow(change);
                changes[change]();
                TickAndClaim();
            }
            else
            {
                time.SetUtcNow(due < End ? due : End);
                TickAndClaim();
            }
        }
        TickAndClaim();

        // Every slot the rules owe has exactly one record, with the outcome the rules predict; nothing else has one.
        var records = ledger.Inner.Records().ToDictionary(r => r.Key);
        var expected = specs
            .SelectMany(s => s.Oracle.Select(local => (Spec: s, Key: new SlotKey(s.Schedule.Id, BroadcastTimeZone.ToInstant(local)))))
            .Where(x => x.Key.Start >= Start && x.Key.Start <= End)
            .ToArray();
        Assert.Equal(expected.Length, expected.Select(x => x.Key).Distinct().Count());
        Assert.Equal(expected.Select(x => x.Key).Order(KeyOrder.Instance), records.Keys.Order(KeyOrder.Instance));

        foreach (var (spec, key) in expected)
        {
            var record = records[key];
            var (outcome, reason) = Predict(spec, key.Start, upAt);
            Assert.True((outcome, reason) == (record.Outcome, record.Reason), $"{key}: expected {outcome} {reason}, got {record.Outcome} {record.Reason} ({record.Detail})");
        }

        // Started exactly once: each claim is a distinct slot, and the claims are exactly the aired records.
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(records.Values.Where(r => r.Aired).Select(r => r.Key).Order(KeyOrder.Instance), claimed.Order(KeyOrder.Instance));

        // The year really was busy and every path was taken.
        var outcomes = records.Values.GroupBy(r => (r.Outcome, r.Reason)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(records.Count > 3_000, $"{records.Count} slots");
        Assert.True(outcomes[(AirOutcome.OnTime, null)] > 2_500);
        Assert.True(outcomes[(AirOutcome.Late, null)] >= 10, $"{outcomes[(AirOutcome.Late, null)]} late");
        Assert.True(outcomes[(AirOutcome.Missed, MissReason.NotStartedInTime)] >= 30);
        Assert.True(outcomes[(AirOutcome.Missed, MissReason.NotApproved)] >= 30);

        void TickAndClaim()
        {
            var plan = planner.Tick();
            Assert.Empty(plan.Problems);
            foreach (var slot in plan.ToStart)
            {
                Assert.True(planner.Claim(slot), $"{slot.Slot.Key} offered twice");
                claimed.Add(slot.Slot.Key);
            }
        }
    }

    /// <summary>What the rules say should become of a slot, from the outages alone.</summary>
    private static (AirOutcome, MissReason?) Predict(Spec spec, DateTimeOffset start, List<(DateTimeOffset From, DateTimeOffset Up)> outages)
    {
        var approvedFrom = spec.Program.Id switch
        {
            "weekly-qa" => Vn(2025, 7, 1, 10),
            "rejected-ad" => DateTimeOffset.MaxValue,
            _ => DateTimeOffset.MinValue,
        };
        if (start + Options.LateGrace < approvedFrom) return (AirOutcome.Missed, MissReason.NotApproved);

        var outage = outages.FirstOrDefault(o => o.From < start && start < o.Up);
        if (outage == default) return (AirOutcome.OnTime, null);
        var lateness = outage.Up - start;
        var live = spec.Program.Kind is ProgramKind.StreamRelay or ProgramKind.LiveSlot;
        var window = live && spec.Program.Duration - Options.MinLiveRemaining > Options.LateGrace ? spec.Program.Duration - Options.MinLiveRemaining : Options.LateGrace;
        return lateness <= Options.OnTimeTolerance ? (AirOutcome.OnTime, null)
            : lateness <= window ? (AirOutcome.Late, null)
            : (AirOutcome.Missed, MissReason.NotStartedInTime);
    }

    private static List<Outage> Outages(IEnumerable<DateTimeOffset> changes)
    {
        var fixedOnes = new List<Outage>
        {
            new(Vn(2025, 1, 15, 5, 59, 33), TimeSpan.FromMinutes(2)),          // news 06:00 plays late
            new(Vn(2025, 2, 3, 6, 10, 33), TimeSpan.FromHours(5)),             // a morning lost; the noon relay joined late
            new(Vn(2025, 3, 15, 16, 29, 33), TimeSpan.Zero),                    // instant restart
            new(Vn(2025, 4, 10, 8, 40, 33), TimeSpan.FromMinutes(6)),           // in the middle of the vaccination repeats
            new(Vn(2025, 6, 20, 12, 0, 33), TimeSpan.FromDays(3)),              // three days down
            new(Vn(2025, 8, 15, 5, 0, 33), TimeSpan.FromHours(2), LedgerFailsOnReturn: true),
            new(Vn(2025, 9, 6, 8, 59, 33), TimeSpan.FromMinutes(4)),            // storm warning late
            new(Vn(2025, 10, 21, 3, 58, 33), TimeSpan.FromMinutes(3)),          // flood warning late
            new(Vn(2025, 11, 11, 18, 59, 33), TimeSpan.FromMinutes(45)),        // evening relay joined, talk missed
            new(Vn(2025, 12, 1, 6, 0), TimeSpan.FromMinutes(3), TickBeforeDying: true),
        };
        var random = new Random(2025);
        var all = new List<Outage>(fixedOnes);
        while (all.Count < fixedOnes.Count + 25)
        {
            var at = Start.AddDays(random.Next(1, 364)).AddMinutes(random.Next(0, 24 * 60)).AddSeconds(33);
            var candidate = new Outage(at, TimeSpan.FromMinutes(random.Next(0, 16)));
            if (all.Any(o => Math.Abs((o.At - at).TotalDays) < 1) || changes.Any(c => Math.Abs((c - at).TotalDays) < 1)) continue;
            all.Add(candidate);
        }
        foreach (var o in fixedOnes)
            Assert.DoesNotContain(changes, c => c >= o.At && c <= o.At + o.Down + TimeSpan.FromMinutes(1));
        return all.OrderBy(o => o.At).ToList();
    }

    private static void Add(InMemorySchedulingCatalog catalog, IReadOnlyList<Spec> specs, string id)
    {
        var spec = specs.Single(s => s.Program.Id == id);
        catalog.Put(spec.Program);
        catalog.Put(spec.Schedule);
    }

    private static IReadOnlyList<Spec> Specs()
    {
        var created = Start.AddDays(-10);
        var approved = new ApprovalActor("hung", true);
        var author = new ApprovalActor("lan", false);
        BroadcastProgram P(string id, int minutes, ProgramContent? content = null, PriorityClass cls = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune) =>
            Program(id, cls, origin, TimeSpan.FromMinutes(minutes), content ?? new AudioFileContent("m-" + id));
        TtsBulletinContent Tts(string text) => new(text);
        Spec S(BroadcastProgram p, IReadOnlyList<RecurrenceLine> lines, IEnumerable<DateTime> oracle, DateTimeOffset? createdAt = null, DateTimeOffset? cancelled = null)
        {
            var schedule = Schedule("s-" + p.Id, p.Id, lines, createdAt: createdAt ?? created);
            var owed = oracle.Where(l => BroadcastTimeZone.ToInstant(l) >= schedule.CreatedAt && (cancelled is not { } c || BroadcastTimeZone.ToInstant(l) < c));
            return new Spec(p, schedule, owed.ToArray());
        }
        var pending = ApprovalWorkflow.Submit(P("weekly-qa", 15, Tts("Hỏi đáp pháp luật")) with { RequiresApproval = true }, author, created);
        var rejected = ApprovalWorkflow.Reject(ApprovalWorkflow.Submit(P("rejected-ad", 5) with { RequiresApproval = true }, author, created), approved, "quảng cáo", created);
        var election = ApprovalWorkflow.Approve(ApprovalWorkflow.Submit(P("election", 5, Tts("Bầu cử")) with { RequiresApproval = true }, author, created), approved, created);
        var d = (int y, int m, int day) => new DateOnly(y, m, day);
        var t = (int h, int m) => new TimeOnly(h, m);
        return
        [
            S(P("news-morning", 30), ScheduleRules.Daily(d(2025, 1, 1), [t(6, 0)]), DailyAt(d(2025, 1, 1), null, t(6, 0))),
            S(P("news-evening", 30), ScheduleRules.Daily(d(2025, 1, 1), [t(17, 30)]), DailyAt(d(2025, 1, 1), null, t(17, 30))),
            S(P("exercise", 15, new PlaylistContent("gym")), ScheduleRules.Daily(d(2025, 1, 1), [t(5, 30), t(16, 30)]), DailyAt(d(2025, 1, 1), null, t(5, 30), t(16, 30))),
            S(P("vov-noon", 60, new StreamRelayContent("https://vov.vn/vov1"), PriorityClass.Priority, OriginLevel.Central), ScheduleRules.Daily(d(2025, 1, 1), [t(11, 0)]), DailyAt(d(2025, 1, 1), null, t(11, 0))),
            S(P("vov-evening", 90, new StreamRelayContent("https://vov.vn/vov2"), PriorityClass.Priority, OriginLevel.Central), ScheduleRules.Daily(d(2025, 1, 1), [t(19, 0)]), DailyAt(d(2025, 1, 1), null, t(19, 0))),
            S(P("agri", 20, Tts("Khuyến nông")), ScheduleRules.Weekly(d(2025, 1, 1), [DayOfWeek.Tuesday, DayOfWeek.Thursday], [t(19, 0)]), WeeklyAt(d(2025, 1, 1), null, [DayOfWeek.Tuesday, DayOfWeek.Thursday], t(19, 0))),
            S(P("health", 10, Tts("Sức khỏe")), ScheduleRules.Weekly(d(2025, 1, 1), [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], [t(6, 15)]), WeeklyAt(d(2025, 1, 1), null, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], t(6, 15))),
            S(P("weekend-music", 60, new PlaylistContent("folk")), ScheduleRules.Weekly(d(2025, 1, 1), [DayOfWeek.Saturday, DayOfWeek.Sunday], [t(20, 0)]), WeeklyAt(d(2025, 1, 1), null, [DayOfWeek.Saturday, DayOfWeek.Sunday], t(20, 0))),
            S(P("tet", 5, Tts("Chúc Tết"), PriorityClass.Priority, OriginLevel.District), ScheduleRules.DateRange(d(2025, 1, 25), d(2025, 2, 5), [t(8, 0), t(20, 30)]), DailyAt(d(2025, 1, 25), d(2025, 2, 5), t(8, 0), t(20, 30))),
            S(P("vaccination", 5, Tts("Tiêm chủng")), ScheduleRules.Repeat(Local(2025, 4, 10, 8), 4, TimeSpan.FromMinutes(45)), [Local(2025, 4, 10, 8), Local(2025, 4, 10, 8, 45), Local(2025, 4, 10, 9, 30), Local(2025, 4, 10, 10, 15)]),
            S(P("storm", 3, Tts("Bão"), PriorityClass.Emergency, OriginLevel.Province), ScheduleRules.EveryHours(Local(2025, 9, 5, 6), 3),
                Every(Local(2025, 9, 5, 6), TimeSpan.FromHours(3)), Vn(2025, 9, 5, 5), Vn(2025, 9, 8, 12)),
            S(P("flood", 2, Tts("Lũ"), PriorityClass.Emergency, OriginLevel.District), ScheduleRules.EveryHours(Local(2025, 10, 20, 0), 2),
                Every(Local(2025, 10, 20, 0), TimeSpan.FromHours(2)), Vn(2025, 10, 19, 22), Vn(2025, 10, 22, 0)),
            S(P("meeting", 45, new LiveSlotContent()), ScheduleRules.Once(Local(2025, 5, 19, 14)), [Local(2025, 5, 19, 14)]),
            S(P("school", 10, Tts("Khai giảng")), ScheduleRules.Weekly(d(2025, 9, 1), [DayOfWeek.Monday], [t(7, 30)], d(2025, 12, 31)), WeeklyAt(d(2025, 9, 1), d(2025, 12, 31), [DayOfWeek.Monday], t(7, 30))),
            S(P("tax", 5, Tts("Thuế")), [new RecurrenceLine(Local(2025, 1, 15, 9), "FREQ=MONTHLY;BYMONTHDAY=15")], Enumerable.Range(1, 12).Select(m => Local(2025, m, 15, 9))),
            S(P("patrol", 5, Tts("An ninh")), ScheduleRules.Daily(d(2025, 1, 1), [t(21, 0)], d(2025, 6, 30)), DailyAt(d(2025, 1, 1), d(2025, 6, 30), t(21, 0))),
            S(election, ScheduleRules.DateRange(d(2025, 5, 1), d(2025, 5, 20), [t(10, 0)]), DailyAt(d(2025, 5, 1), d(2025, 5, 20), t(10, 0))),
            S(pending, ScheduleRules.Weekly(d(2025, 1, 1), [DayOfWeek.Saturday], [t(9, 0)]), WeeklyAt(d(2025, 1, 1), null, [DayOfWeek.Saturday], t(9, 0))),
            S(rejected, ScheduleRules.DateRange(d(2025, 3, 10), d(2025, 3, 16), [t(12, 30)]), DailyAt(d(2025, 3, 10), d(2025, 3, 16), t(12, 30))),
            S(P("story", 20, Tts("Truyện")), ScheduleRules.Daily(d(2025, 1, 1), [t(21, 30)]), DailyAt(d(2025, 1, 1), null, t(21, 30))),
            S(P("sunday-review", 30), ScheduleRules.Weekly(d(2025, 1, 1), [DayOfWeek.Sunday], [t(9, 0)]), WeeklyAt(d(2025, 1, 1), null, [DayOfWeek.Sunday], t(9, 0))),
            S(P("fire-season", 3, Tts("Phòng cháy"), PriorityClass.Priority), ScheduleRules.DateRange(d(2025, 4, 1), d(2025, 6, 30), [t(6, 45), t(18, 0)]), DailyAt(d(2025, 4, 1), d(2025, 6, 30), t(6, 45), t(18, 0))),
            S(P("late-added", 10), ScheduleRules.Weekly(d(2025, 1, 3), [DayOfWeek.Friday], [t(15, 0)]), WeeklyAt(d(2025, 1, 3), null, [DayOfWeek.Friday], t(15, 0)), Vn(2025, 8, 1, 10)),
        ];
    }

    // The oracle: plain loops over calendar days, independent of Ical.Net.
    private static IEnumerable<DateTime> DailyAt(DateOnly from, DateOnly? until, params TimeOnly[] times) =>
        WeeklyAt(from, until, Enum.GetValues<DayOfWeek>(), times);

    private static IEnumerable<DateTime> WeeklyAt(DateOnly from, DateOnly? until, DayOfWeek[] days, params TimeOnly[] times)
    {
        var last = until ?? new DateOnly(2026, 1, 1);
        for (var day = from; day <= last; day = day.AddDays(1))
            if (days.Contains(day.DayOfWeek))
                foreach (var time in times) yield return day.ToDateTime(time);
    }

    private static IEnumerable<DateTime> Every(DateTime first, TimeSpan step)
    {
        for (var at = first; at < new DateTime(2026, 1, 2); at += step) yield return at;
    }

    private sealed class KeyOrder : IComparer<SlotKey>
    {
        public static readonly KeyOrder Instance = new();
        public int Compare(SlotKey a, SlotKey b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.ScheduleId, b.ScheduleId);
    }

    /// <summary>A ledger whose disk fails on demand, as a process dying mid-write would look to the planner.</summary>
    private sealed class FailingLedger(InMemoryAirLedger inner) : IAirLedger
    {
        private int _failAfter = -1;

        public InMemoryAirLedger Inner => inner;
        public void FailAfter(int writes) => _failAfter = writes;
        public PlannerCheckpoint? Checkpoint => inner.Checkpoint;
        public void SaveCheckpoint(PlannerCheckpoint checkpoint) => inner.SaveCheckpoint(checkpoint);
        public AirRecord? Find(SlotKey key) => inner.Find(key);

        public bool TryAdd(AirRecord record)
        {
            if (_failAfter == 0) { _failAfter = -1; throw new IOException("disk gone"); }
            if (_failAfter > 0) _failAfter--;
            return inner.TryAdd(record);
        }
    }
}
