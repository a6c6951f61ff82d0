using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using LiteDB;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling.Storage;

/// <summary>The durable catalog on a real LiteDB file: every kind round-trips, changes survive a reopen, the version only grows.</summary>
public sealed class LiteDbSchedulingCatalog_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly CapturingLogger<LiteDbSchedulingCatalog> _log = new();
    private LiteDbSchedulingCatalog _catalog;

    public LiteDbSchedulingCatalog_Tests() => _catalog = new LiteDbSchedulingCatalog(_db.Database, _log);

    public void Dispose() => _db.Dispose();

    private void Reopen() => _catalog = new LiteDbSchedulingCatalog(_db.Reopen(), _log);

    private static readonly DateTimeOffset At = new(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private static readonly BroadcastProgram[] EveryKind =
    [
        Program("file", content: new AudioFileContent("m1"), preemption: PreemptionPolicy.Skip),
        Program("list", PriorityClass.Priority, OriginLevel.District, content: new PlaylistContent("pl1")),
        Program("tts", PriorityClass.Emergency, OriginLevel.Province, content: new TtsBulletinContent("Bão số 3\nsắp đổ bộ", TtsVoice.Central, 1.25, "m2"), requiresApproval: true),
        Program("tts-plain", content: new TtsBulletinContent("Thông báo", TtsVoice.Southern)),
        Program("relay", origin: OriginLevel.Central, content: new StreamRelayContent("https://vov.example/live?x=1&y=2", "m-fallback"), duration: TimeSpan.FromHours(2)),
        Program("live", content: new LiveSlotContent(), preemption: PreemptionPolicy.Restart),
    ];

    [Fact]
    public void Programs_of_every_kind_and_their_approval_history_survive_a_reopen()
    {
        foreach (var p in EveryKind) _catalog.AddProgram(p);
        var actor = new ApprovalActor("lan", false);
        _catalog.UpdateProgram("tts", p => ApprovalWorkflow.Submit(p, actor, At));
        _catalog.UpdateProgram("tts", p => ApprovalWorkflow.Reject(p, new ApprovalActor("minh", true), "Sai địa danh", At.AddMinutes(5)));
        var before = _catalog.Programs;

        Reopen();

        Assert.Equal(before, _catalog.Programs);
        var tts = _catalog.FindProgram("tts")!;
        Assert.Equal(ApprovalState.Rejected, tts.Approval);
        Assert.Equal("Sai địa danh", tts.RejectionReason);
        Assert.Equal(At.AddMinutes(5), tts.ApprovalHistory[1].At);
        Assert.Empty(_log.AtLeast(Microsoft.Extensions.Logging.LogLevel.Error));
    }

    [Fact]
    public void Schedules_survive_a_reopen_with_their_lines_targets_policy_and_cancellation()
    {
        _catalog.AddProgram(Program("p"));
        var daily = Schedule("daily", "p", ScheduleRules.Daily(new DateOnly(2025, 3, 2), [new TimeOnly(6, 0), new TimeOnly(17, 30)], new DateOnly(2025, 6, 30)),
            TargetSet.Of(["d1", "d2"], ["cho"], ["08980"]), ClashPolicy.Override, At);
        var warn = Schedule("warn", "p", ScheduleRules.EveryHours(new DateTime(2025, 3, 2, 1, 0, 0), 2), createdAt: At.AddTicks(12345));
        var once = Schedule("once", "p", ScheduleRules.Once(new DateTime(2025, 3, 9, 9, 15, 0)), createdAt: At);
        _catalog.AddSchedule(daily);
        _catalog.AddSchedule(warn);
        _catalog.AddSchedule(once);
        var cancelled = _catalog.CancelSchedule("warn", At.AddDays(3))!;

        Reopen();

        Assert.Equal<Schedule>([daily, once, cancelled], _catalog.Schedules);
        Assert.Equal(At.AddDays(3), _catalog.FindSchedule("warn")!.CancelledAt);
        Assert.Equal(["daily", "once", "warn"], _catalog.ScheduledPrograms().Select(sp => sp.Schedule.Id));
    }

    [Fact]
    public void The_version_changes_with_every_change_and_grows_across_restarts()
    {
        var v0 = _catalog.Version;
        _catalog.AddProgram(Program("p"));
        var v1 = _catalog.Version;
        _catalog.AddSchedule(Schedule("s", "p", ScheduleRules.Once(new DateTime(2025, 3, 9, 9, 0, 0)), createdAt: At));
        var v2 = _catalog.Version;
        _catalog.CancelSchedule("s", At.AddDays(1));
        var v3 = _catalog.Version;
        Assert.True(v0 < v1 && v1 < v2 && v2 < v3);
        Assert.Null(_catalog.CancelSchedule("nope", At));
        _catalog.CancelSchedule("s", At.AddDays(2)); // later than the first cancel: nothing changes
        Assert.Equal(v3, _catalog.Version);

        Reopen();
        Assert.True(_catalog.Version > v3);
    }

    [Fact]
    public void Refusals_leave_the_catalog_and_its_version_untouched()
    {
        _catalog.AddProgram(Program("p"));
        _catalog.AddSchedule(Schedule("s", "p", ScheduleRules.Once(new DateTime(2025, 3, 9, 9, 0, 0)), createdAt: At));
        var version = _catalog.Version;
        var changes = 0;
        _catalog.Changed += () => changes++;

        Assert.Throws<CatalogConflictException>(() => _catalog.AddProgram(Program("p")));
        Assert.Throws<SchedulingException>(() => _catalog.AddProgram(Program("bad") with { Title = "" }));
        Assert.Throws<SchedulingException>(() => _catalog.AddSchedule(Schedule("s2", "ghost", ScheduleRules.Once(new DateTime(2025, 3, 9, 9, 0, 0)))));
        Assert.Throws<CatalogConflictException>(() => _catalog.AddSchedule(Schedule("s", "p", ScheduleRules.Once(new DateTime(2025, 3, 9, 9, 0, 0)))));
        var inUse = Assert.Throws<CatalogConflictException>(() => _catalog.DeleteProgram("p"));
        Assert.Contains("s", inUse.Message);
        Assert.Throws<SchedulingException>(() => _catalog.UpdateProgram("p", p => p with { Duration = TimeSpan.Zero }));
        Assert.Throws<SchedulingException>(() => _catalog.UpdateProgram("p", p => p with { Id = "q" }));
        Assert.Null(_catalog.UpdateProgram("ghost", p => p));
        Assert.False(_catalog.DeleteProgram("ghost"));

        Assert.Equal(version, _catalog.Version);
        Assert.Equal(0, changes);
        Reopen();
        Assert.Equal(Program("p"), _catalog.FindProgram("p"));
        Assert.Single(_catalog.Schedules);
    }

    [Fact]
    public void Two_approvers_racing_on_one_pending_program_cannot_both_act()
    {
        _catalog.AddProgram(Program("p", requiresApproval: true));
        _catalog.UpdateProgram("p", p => ApprovalWorkflow.Submit(p, new ApprovalActor("lan", false), At));
        var outcomes = Enumerable.Range(0, 8).AsParallel().Select(i =>
        {
            try
            {
                _catalog.UpdateProgram("p", p => i % 2 == 0
                    ? ApprovalWorkflow.Approve(p, new ApprovalActor($"a{i}", true), At)
                    : ApprovalWorkflow.Reject(p, new ApprovalActor($"a{i}", true), "no", At));
                return true;
            }
            catch (SchedulingException)
            {
                return false;
            }
        }).ToArray();
        Assert.Equal(1, outcomes.Count(o => o));
        Assert.Equal(2, _catalog.FindProgram("p")!.ApprovalHistory.Count);
    }

    [Fact]
    public void An_unreadable_record_is_logged_and_skipped_and_the_rest_loads()
    {
        _catalog.AddProgram(Program("good"));
        _db.Database.Database.GetCollection(LiteDbSchedulingCatalog.ProgramsCollection).Insert(new BsonDocument { ["_id"] = "broken", ["title"] = 42 });
        Reopen();
        Assert.Equal(["good"], _catalog.Programs.Select(p => p.Id));
        Assert.Contains(_log.AtLeast(Microsoft.Extensions.Logging.LogLevel.Error), e => e.Message.Contains("broken"));
    }

    [Fact]
    public void Programs_using_a_media_item_are_found_through_every_kind_that_names_one()
    {
        foreach (var p in EveryKind) _catalog.AddProgram(p);
        Assert.Equal(["file"], _catalog.ProgramsUsingMedia("m1").Select(p => p.Id));
        Assert.Equal(["tts"], _catalog.ProgramsUsingMedia("m2").Select(p => p.Id));
        Assert.Equal(["list"], _catalog.ProgramsUsingMedia("pl1").Select(p => p.Id));
        Assert.Empty(_catalog.ProgramsUsingMedia("m3"));
    }
}
