using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class IcsCodec_RoundTrip_Tests
{
    private const string Importer = "lan";
    private static readonly DateTimeOffset ExportedAt = Vn(2025, 3, 1, 10, 15, 30);
    private static readonly IcsCodec Codec = new();

    /// <summary>One schedule of every rule shape, programs of every kind, every enum value somewhere.</summary>
    internal static IReadOnlyList<ScheduledProgram> Calendar()
    {
        var created = Vn(2024, 12, 20, 9, 30, 5);
        ScheduledProgram E(BroadcastProgram p, string id, IReadOnlyList<RecurrenceLine> lines, TargetSet t, ClashPolicy clash = ClashPolicy.Append, DateTimeOffset? cancelled = null) =>
            new(p, Schedule(id, p.Id, lines, t, clash, created, cancelled));
        return
        [
            E(Program("news", duration: TimeSpan.FromMinutes(30), content: new AudioFileContent("news-0101")),
                "news-daily", ScheduleRules.Daily(new DateOnly(2025, 1, 1), [new TimeOnly(6, 30), new TimeOnly(17, 0, 15)]), TargetSet.Of(areas: ["00004"])),
            E(Program("music", content: new PlaylistContent("folk-songs"), preemption: PreemptionPolicy.Skip),
                "music-weekly", ScheduleRules.Weekly(new DateOnly(2025, 1, 1), [DayOfWeek.Saturday, DayOfWeek.Sunday], [new TimeOnly(19, 0)], until: new DateOnly(2025, 6, 30)),
                TargetSet.Of(zones: ["market", "school"]), ClashPolicy.Override),
            E(Program("vov", PriorityClass.Priority, OriginLevel.Central, TimeSpan.FromHours(1), new StreamRelayContent("https://str.vov.vn/vov1?x=1&y=2", "m-fallback"), PreemptionPolicy.Restart),
                "vov-range", ScheduleRules.DateRange(new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 10), [new TimeOnly(11, 0)]), TargetSet.Of(areas: ["01"])),
            E(Program("storm", PriorityClass.Emergency, OriginLevel.Province, TimeSpan.FromMinutes(3),
                    new TtsBulletinContent("Bão số 3; gió giật cấp 12, \"khẩn cấp\".\nDân di dời ngay\\ngay.", TtsVoice.Central, 0.85), requiresApproval: true),
                "storm-warning", ScheduleRules.EveryHours(Local(2025, 9, 6, 5), 2), TargetSet.Of(devices: ["spk-1", "spk-9"], zones: ["market"], areas: ["00100"]),
                ClashPolicy.Override, Vn(2025, 9, 8, 0, 0, 0)),
            E(Program("vaccine", PriorityClass.Priority, OriginLevel.District, TimeSpan.FromMinutes(5), new TtsBulletinContent("Tiêm chủng.", TtsVoice.Southern, 1.25, "rec-tiem-chung")),
                "vaccine-repeat", ScheduleRules.Repeat(Local(2025, 4, 2, 8), 5, TimeSpan.FromMinutes(45)), TargetSet.Of(zones: ["school"])),
            E(Program("meeting", content: new LiveSlotContent(), duration: TimeSpan.FromMinutes(45)),
                "meeting-once", ScheduleRules.Once(Local(2025, 5, 19, 14)), TargetSet.Of(devices: ["spk-3"])),
            E(Program("news", duration: TimeSpan.FromMinutes(30), content: new AudioFileContent("news-0101")),
                "news-sunday", ScheduleRules.Weekly(new DateOnly(2025, 1, 1), [DayOfWeek.Sunday], [new TimeOnly(9, 0)]), TargetSet.Of(devices: ["spk-4"])),
        ];
    }

    [Fact]
    public void Export_then_import_gives_equal_programs_and_schedules()
    {
        var entries = Calendar();
        var ics = Codec.Export(entries, ExportedAt);
        var result = Codec.Import(ics, Importer, ExportedAt.AddDays(1));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(entries.Select(e => e.Schedule).OrderBy(s => s.Id), result.Schedules.OrderBy(s => s.Id));
        Assert.Equal(entries.Select(e => e.Program).DistinctBy(p => p.Id).OrderBy(p => p.Id), result.Programs.OrderBy(p => p.Id));

        // And a second round gives the same text, byte for byte.
        var again = Codec.Export(result.Schedules.Select(s => new ScheduledProgram(result.Programs.Single(p => p.Id == s.ProgramId), s)).OrderBy(e => Array.FindIndex(entries.ToArray(), x => x.Schedule.Id == e.Schedule.Id)), ExportedAt);
        Assert.Equal(ics, again);
    }

    [Fact]
    public void The_file_speaks_standard_icalendar_in_asia_ho_chi_minh()
    {
        var ics = Codec.Export(Calendar(), ExportedAt);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains("TZID:Asia/Ho_Chi_Minh", ics);
        Assert.Contains("TZOFFSETTO:+0700", ics);
        Assert.Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20250101T063000", ics);
        // UNTIL is UTC when DTSTART has a TZID (RFC 5545 3.3.10): 2025-06-30 23:59:59 in Vietnam.
        Assert.Contains("RRULE:FREQ=WEEKLY;UNTIL=20250630T165959Z;BYDAY=SU,SA", ics);
        Assert.Contains("DTSTAMP:20250301T031530Z", ics);
        Assert.Contains("CREATED:20241220T023005Z", ics);
        Assert.Contains("X-INFORADIO-CLASS:emergency", ics);
        Assert.Contains("X-INFORADIO-CANCELLED:20250907T170000Z", ics);
        Assert.Equal(8, ics.Split("BEGIN:VEVENT").Length - 1);
    }

    [Fact]
    public void The_slots_survive_the_round_trip()
    {
        var entries = Calendar();
        var result = Codec.Import(Codec.Export(entries, ExportedAt), Importer, ExportedAt);
        foreach (var e in entries)
        {
            var back = result.Schedules.Single(s => s.Id == e.Schedule.Id);
            Assert.Equal(RecurrenceExpander.Starts(e.Schedule, Vn(2024, 1, 1), Vn(2026, 1, 1)), RecurrenceExpander.Starts(back, Vn(2024, 1, 1), Vn(2026, 1, 1)));
        }
    }

    [Fact]
    public void An_approval_never_travels_in_a_file()
    {
        var approver = new ApprovalActor("hung", true);
        var entry = Calendar()[3];
        var approved = ApprovalWorkflow.Approve(ApprovalWorkflow.Submit(entry.Program, new ApprovalActor("lan", false), ExportedAt), approver, ExportedAt);
        Assert.True(approved.CanAir);
        var result = Codec.Import(Codec.Export([entry with { Program = approved }], ExportedAt), "hung", ExportedAt);
        var imported = result.Programs.Single();
        Assert.Equal(ApprovalState.Draft, imported.Approval);
        Assert.Empty(imported.ApprovalHistory);
        Assert.Equal("hung", imported.Author);
        Assert.True(imported.RequiresApproval);
        Assert.False(imported.CanAir);
    }

    [Fact]
    public void Utc_and_floating_times_from_other_tools_are_converted()
    {
        const string ics = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//other tool//EN
            BEGIN:VEVENT
            UID:a@x
            DTSTAMP:20250101T000000Z
            DTSTART:20250301T230000Z
            DTEND:20250301T233000Z
            RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20250310T230000Z
            SUMMARY:Đọc báo
            X-INFORADIO-SCHEDULE:s-a
            X-INFORADIO-LINE:0
            X-INFORADIO-PROGRAM:p-a
            X-INFORADIO-KIND:audio-file
            X-INFORADIO-MEDIA:m1
            X-INFORADIO-CLASS:normal
            X-INFORADIO-ORIGIN:commune
            X-INFORADIO-PREEMPTION:resume
            X-INFORADIO-CLASH:append
            X-INFORADIO-APPROVAL-REQUIRED:FALSE
            X-INFORADIO-ZONES:market
            END:VEVENT
            BEGIN:VEVENT
            UID:b@x
            DTSTAMP:20250101T000000Z
            DTSTART:20250302T063000
            DURATION:PT10M
            SUMMARY:Thể dục
            X-INFORADIO-SCHEDULE:s-b
            X-INFORADIO-LINE:0
            X-INFORADIO-PROGRAM:p-b
            X-INFORADIO-KIND:live-slot
            X-INFORADIO-CLASS:priority
            X-INFORADIO-ORIGIN:district
            X-INFORADIO-PREEMPTION:skip
            X-INFORADIO-CLASH:override
            X-INFORADIO-APPROVAL-REQUIRED:false
            X-INFORADIO-DEVICES:spk-1
            END:VEVENT
            END:VCALENDAR
            """;
        var result = Codec.Import(ics, Importer, ExportedAt);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var a = result.Schedules.Single(s => s.Id == "s-a");
        Assert.Equal(new RecurrenceLine(Local(2025, 3, 2, 6), "FREQ=DAILY;INTERVAL=2;UNTIL=20250311T060000"), a.Lines.Single());
        Assert.Equal(TimeSpan.FromMinutes(30), result.Programs.Single(p => p.Id == "p-a").Duration);
        Assert.Equal(ExportedAt, a.CreatedAt);
        Assert.Equal(5, RecurrenceExpander.Starts(a, Vn(2025, 1, 1), Vn(2026, 1, 1)).Count);
        var b = result.Schedules.Single(s => s.Id == "s-b");
        Assert.Equal(new RecurrenceLine(Local(2025, 3, 2, 6, 30)), b.Lines.Single());
        Assert.IsType<LiveSlotContent>(result.Programs.Single(p => p.Id == "p-b").Content);
    }

    [Fact]
    public void A_tzid_defined_in_the_file_as_a_fixed_plus_seven_is_vietnam_time()
    {
        // As Outlook writes it: its own zone name, quoted where a parameter, defined by a VTIMEZONE.
        var ics = Codec.Export([Calendar()[0]], ExportedAt)
            .Replace("TZID=Asia/Ho_Chi_Minh", "TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\"")
            .Replace("TZID:Asia/Ho_Chi_Minh", "TZID:(UTC+07:00) Bangkok, Hanoi, Jakarta");
        Assert.Contains("Bangkok", ics);
        var result = Codec.Import(ics, Importer, ExportedAt);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(Calendar()[0].Schedule, result.Schedules.Single());
    }

    /// <summary>
    /// The proof that no tz database is consulted: Ical.Net's zone resolver is made to throw, and export, import
    /// and expansion still work.
    /// </summary>
    [Fact]
    public void Nothing_needs_a_time_zone_database()
    {
        var original = Ical.Net.TimeZoneResolvers.TimeZoneResolver;
        var asked = new List<string>();
        Ical.Net.TimeZoneResolvers.TimeZoneResolver = id =>
        {
            asked.Add(id);
            throw new InvalidOperationException($"tz database asked for {id}");
        };
        try
        {
            var entries = Calendar();
            var result = Codec.Import(Codec.Export(entries, ExportedAt), Importer, ExportedAt);
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            foreach (var s in result.Schedules) Assert.NotEmpty(RecurrenceExpander.Starts(s, Vn(2025, 1, 1), Vn(2026, 1, 1)));
            Assert.Empty(asked);
        }
        finally
        {
            Ical.Net.TimeZoneResolvers.TimeZoneResolver = original;
        }
    }
}
