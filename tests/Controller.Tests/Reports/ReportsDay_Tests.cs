using InfoRadio.Controller.Alarms;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Reports;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Reports.ReportsWorld;

namespace InfoRadio.Controller.Tests.Reports;

/// <summary>
/// Issue 9's acceptance: one simulated day (1 December 2026, Vietnam time, virtual clock) of presence, play events,
/// alarms, an emergency and scheduled slots, fed through the real recorders into LiteDB; every figure of every report is
/// checked against a value worked out by hand from those events (the working is in the comments).
/// </summary>
/// <remarks>
/// The day: commune Hải An (villages Thôn 1 with d1 and d2, Thôn 2 with d3, Thôn 3 with no cluster) and commune Hải Khê
/// (Thôn Tân with d4), both in district Hải Lăng. All four clusters are registered at 00:00.
/// Presence: d1 online all day; d2 online 00:00–06:00 and 12:00–24:00 (18 h); d3 online 06:00–18:00 (12 h); d4 online
/// 00:00–21:36 (21.6 h).
/// Plays: slot "morning" 07:00 (program prog-news, targets d1 d2 d3): d1 plays 07:00–07:30 to the end, d3 07:00–07:10
/// interrupted by the emergency (3 underruns), d2 offline. Emergency em1 (CAP cap-2026-1) requested 07:10 for d3 and
/// d4: d3 plays 07:10:02–07:12:02, d4 07:10:04–07:12:04, both to the end. Slot "noon" 12:00 (d4): 12:00–12:05 to the
/// end. Slot "evening" 18:00: missed. Upload U1 21:30 (d1, d4): d1 21:30–21:45 to the end, d4 from 21:30 until it goes
/// offline at 21:36 (dropped). Upload U2 23:50 (d1): 23:50–00:10 next day. Reports are made at 00:30 on 2 December.
/// </remarks>
public sealed class ReportsDay_Tests : IDisposable
{
    private readonly ReportsWorld _w = new();

    public ReportsDay_Tests() => SimulateDay();

    public void Dispose() => _w.Dispose();

    private void SimulateDay()
    {
        foreach (var (id, village) in new[] { ("d1", "1950101"), ("d2", "1950101"), ("d3", "1950102"), ("d4", "1950401") }) _w.AddDevice(id, village);
        _w.Presence("d1", true);
        _w.Presence("d2", true);
        _w.Presence("d4", true);

        _w.AdvanceTo(At(6));
        _w.Presence("d2", false);
        _w.Presence("d3", true);

        _w.AdvanceTo(At(7));
        _w.Broadcast("S1", "Bản tin sáng", BroadcastProfiles.ProgramName, ["d1", "d2", "d3"],
            new BroadcastSource { ScheduleId = "morning", ProgramId = "prog-news", SlotStart = At(7) });
        Assert.True(_w.Ledger.TryAdd(new AirRecord(new SlotKey("morning", At(7)), "prog-news", AirOutcome.OnTime, At(7))));
        _w.Event("d1", DeviceEventType.PlayStarted, "S1");
        _w.Event("d3", DeviceEventType.PlayStarted, "S1");
        _w.AdvanceTo(At(7, 5));
        _w.Event("d3", DeviceEventType.Underrun, "S1", underruns: 3);

        _w.AdvanceTo(At(7, 10));
        _w.Emergencies.Insert(new EmergencyRecord
        {
            Id = "em1", Title = "Bão số 9", CapIdentifier = "cap-2026-1", RequestedAt = At(7, 10), State = EmergencyState.Ended,
            Devices = [new EmergencyDevice { DeviceId = "d3", OnlineAtStart = true }, new EmergencyDevice { DeviceId = "d4", OnlineAtStart = true }],
        });
        _w.Broadcast("E1", "Bão số 9", BroadcastProfiles.EmergencyName, ["d3", "d4"],
            new BroadcastSource { EmergencyId = "em1", CapIdentifier = "cap-2026-1" });
        _w.Event("d3", DeviceEventType.PlayInterrupted, "S1", reason: "preempted by E1", underruns: 3);
        _w.AdvanceTo(At(7, 10, 2));
        _w.Event("d3", DeviceEventType.PlayStarted, "E1");
        _w.AdvanceTo(At(7, 10, 4));
        _w.Event("d4", DeviceEventType.PlayStarted, "E1");
        _w.AdvanceTo(At(7, 12, 2));
        _w.Event("d3", DeviceEventType.PlayFinished, "E1");
        _w.AdvanceTo(At(7, 12, 4));
        _w.Event("d4", DeviceEventType.PlayFinished, "E1");

        _w.AdvanceTo(At(7, 30));
        _w.Event("d1", DeviceEventType.PlayFinished, "S1", id: "d1-s1-finished");
        _w.AdvanceTo(At(7, 31));
        // QoS 1 redelivery of the same event, a minute later: changes nothing.
        _w.Event("d1", DeviceEventType.PlayFinished, "S1", id: "d1-s1-finished");

        _w.AdvanceTo(At(12));
        _w.Presence("d2", true);
        _w.Broadcast("S3", "Nhạc trưa", BroadcastProfiles.ProgramName, ["d4"],
            new BroadcastSource { ScheduleId = "noon", ProgramId = "prog-music", SlotStart = At(12) });
        Assert.True(_w.Ledger.TryAdd(new AirRecord(new SlotKey("noon", At(12)), "prog-music", AirOutcome.OnTime, At(12))));
        _w.Event("d4", DeviceEventType.PlayStarted, "S3");
        _w.AdvanceTo(At(12, 5));
        _w.Event("d4", DeviceEventType.PlayFinished, "S3");

        _w.AdvanceTo(At(18));
        _w.Presence("d3", false);
        Assert.True(_w.Ledger.TryAdd(new AirRecord(new SlotKey("evening", At(18)), "prog-evening", AirOutcome.Missed, At(18, 2),
            MissReason.NotStartedInTime)));

        _w.AdvanceTo(At(21, 30));
        _w.Broadcast("U1", "Thông báo tiêm chủng", BroadcastProfiles.ProgramName, ["d1", "d4"]);
        _w.Event("d1", DeviceEventType.PlayStarted, "U1");
        _w.Event("d4", DeviceEventType.PlayStarted, "U1");
        _w.AdvanceTo(At(21, 36));
        _w.Presence("d4", false);
        _w.AdvanceTo(At(21, 45));
        _w.Event("d1", DeviceEventType.PlayFinished, "U1");

        _w.AdvanceTo(At(23, 50));
        _w.Broadcast("U2", "Nhạc đêm", BroadcastProfiles.ProgramName, ["d1"]);
        _w.Event("d1", DeviceEventType.PlayStarted, "U2");
        _w.AdvanceTo(At(24, 10));
        _w.Event("d1", DeviceEventType.PlayFinished, "U2");

        // Alarms as the alarm service stores them: one across the previous midnight, one within the day, one still active,
        // one wholly on the previous day (not in the report).
        _w.Alarms.Insert(new AlarmRecord { DeviceId = "d1", Kind = AlarmKinds.LowSignal, RaisedAt = At(-5), ClearedAt = At(-4), Detail = "signal" });
        _w.Alarms.Insert(new AlarmRecord { DeviceId = "d4", Kind = AlarmKinds.SpeakerFault, RaisedAt = At(-2), ClearedAt = At(1), Detail = "open" });
        _w.Alarms.Insert(new AlarmRecord { DeviceId = "d2", Kind = AlarmKinds.Offline, RaisedAt = At(6, 5), ClearedAt = At(12), Detail = "offline" });
        _w.Alarms.Insert(new AlarmRecord { DeviceId = "d3", Kind = AlarmKinds.OverTemperature, RaisedAt = At(23), Detail = "temperatureC=72" });

        _w.AdvanceTo(At(24, 30));
    }

    private ReportTable Report(string kind, string? groupBy = null, DateOnly? to = null) =>
        _w.Service.Build(kind, _w.Service.Period(new DateOnly(2026, 12, 1), to ?? new DateOnly(2026, 12, 1)), [], null, groupBy);

    private static IReadOnlyDictionary<string, object?> RowOf(ReportTable table, string key, string value) =>
        Assert.Single(table.Rows, r => Equals(r[key], value));

    private static double Num(IReadOnlyDictionary<string, object?> row, string key) =>
        Convert.ToDouble(row[key] ?? throw new Xunit.Sdk.XunitException($"{key} is null"), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Airtime_per_device()
    {
        var t = Report(ReportKinds.Airtime, "device");
        Assert.Equal(4, t.Rows.Count);
        // d1: S1 30 min + U1 15 min + U2's 10 min before midnight = 55; three plays started that day, all finished.
        var d1 = RowOf(t, "device", "d1");
        Assert.Equal(55, Num(d1, "airtimeMinutes"));
        Assert.Equal((3, 3, 0, 0), ((int)Num(d1, "plays"), (int)Num(d1, "finished"), (int)Num(d1, "interrupted"), (int)Num(d1, "dropped")));
        Assert.Equal("Thôn 1", d1["village"]);
        Assert.Equal("Xã Hải An", d1["commune"]);
        // d2 was offline at its only slot.
        Assert.Equal(0, Num(RowOf(t, "device", "d2"), "airtimeMinutes"));
        Assert.Equal(0, Num(RowOf(t, "device", "d2"), "plays"));
        // d3: S1 07:00–07:10 (interrupted) + E1 2 min.
        var d3 = RowOf(t, "device", "d3");
        Assert.Equal(12, Num(d3, "airtimeMinutes"));
        Assert.Equal((2, 1, 1, 0), ((int)Num(d3, "plays"), (int)Num(d3, "finished"), (int)Num(d3, "interrupted"), (int)Num(d3, "dropped")));
        // d4: E1 2 + S3 5 + U1 6 (dropped when it went offline).
        var d4 = RowOf(t, "device", "d4");
        Assert.Equal(13, Num(d4, "airtimeMinutes"));
        Assert.Equal((3, 2, 0, 1), ((int)Num(d4, "plays"), (int)Num(d4, "finished"), (int)Num(d4, "interrupted"), (int)Num(d4, "dropped")));
    }

    [Fact]
    public void Airtime_per_village_and_commune()
    {
        var villages = Report(ReportKinds.Airtime, "village");
        // Thôn 3 has no cluster, so no row; Thôn 1: d1 55 + d2 0 over 2 clusters.
        Assert.Equal(3, villages.Rows.Count);
        var v1 = RowOf(villages, "village", "1950101");
        Assert.Equal((2, 3, 55, 27.5), ((int)Num(v1, "devices"), (int)Num(v1, "plays"), Num(v1, "airtimeMinutes"), Num(v1, "airtimeMinutesPerDevice")));
        Assert.Equal(12, Num(RowOf(villages, "village", "1950102"), "airtimeMinutes"));
        Assert.Equal(13, Num(RowOf(villages, "village", "1950401"), "airtimeMinutes"));

        var communes = Report(ReportKinds.Airtime, "commune");
        Assert.Equal(2, communes.Rows.Count);
        // Hải An: 55 + 0 + 12 = 67 min over 3 clusters (22.33 each), 5 plays.
        var a = RowOf(communes, "commune", "19501");
        Assert.Equal((3, 5, 67, 22.33), ((int)Num(a, "devices"), (int)Num(a, "plays"), Num(a, "airtimeMinutes"), Num(a, "airtimeMinutesPerDevice")));
        Assert.Equal("Xã Hải An", a["name"]);
        var b = RowOf(communes, "commune", "19504");
        Assert.Equal((1, 3, 13), ((int)Num(b, "devices"), (int)Num(b, "plays"), Num(b, "airtimeMinutes")));
    }

    [Fact]
    public void Airtime_per_day_splits_a_play_across_midnight()
    {
        var t = Report(ReportKinds.Airtime, "day", to: new DateOnly(2026, 12, 2));
        Assert.Equal(2, t.Rows.Count);
        // 1 December: 55 + 12 + 13 = 80 min, by d1 d3 d4, eight plays started (S1×2, E1×2, S3, U1×2, U2).
        var day1 = RowOf(t, "day", "2026-12-01");
        Assert.Equal((3, 8, 80), ((int)Num(day1, "devices"), (int)Num(day1, "plays"), Num(day1, "airtimeMinutes")));
        // 2 December (until the report at 00:30): U2's last 10 minutes, no play started.
        var day2 = RowOf(t, "day", "2026-12-02");
        Assert.Equal((1, 0, 10), ((int)Num(day2, "devices"), (int)Num(day2, "plays"), Num(day2, "airtimeMinutes")));
    }

    [Fact]
    public void Uptime_per_device_from_the_online_history()
    {
        var t = Report(ReportKinds.Uptime);
        (double Observed, double Online, double Percent, int Outages) Of(string id)
        {
            var r = RowOf(t, "device", id);
            return (Num(r, "observedHours"), Num(r, "onlineHours"), Num(r, "uptimePercent"), (int)Num(r, "outages"));
        }
        Assert.Equal((24, 24, 100, 0), Of("d1"));
        Assert.Equal((24, 18, 75, 1), Of("d2"));
        Assert.Equal((24, 12, 50, 1), Of("d3"));
        Assert.Equal((24, 21.6, 90, 1), Of("d4"));
    }

    [Fact]
    public void Alarm_history_of_the_day()
    {
        var t = Report(ReportKinds.Alarms);
        // The low-signal alarm of the day before is out; the rest in order of raising.
        Assert.Equal(["d4", "d2", "d3"], t.Rows.Select(r => (string)r["device"]!));
        // Speaker fault from 22:00 the day before to 01:00: 60 min of it in the day.
        Assert.Equal(60, Num(t.Rows[0], "activeMinutes"));
        Assert.Equal("2026-11-30 22:00:00", t.Rows[0]["raised"]);
        // Offline 06:05–12:00: 355 min.
        Assert.Equal(355, Num(t.Rows[1], "activeMinutes"));
        Assert.Equal("2026-12-01 12:00:00", t.Rows[1]["cleared"]);
        // Still active: counted to the end of the day, 23:00–24:00.
        Assert.Equal(60, Num(t.Rows[2], "activeMinutes"));
        Assert.Null(t.Rows[2]["cleared"]);
    }

    [Fact]
    public void Emergency_reach_from_the_speakers_plays()
    {
        var row = Assert.Single(Report(ReportKinds.Emergencies).Rows);
        Assert.Equal(("em1", "cap-2026-1", "2026-12-01 07:10:00"), (row["id"], row["cap"], row["requested"]));
        Assert.Equal((2, 2, 2, 2), ((int)Num(row, "targeted"), (int)Num(row, "onlineAtStart"), (int)Num(row, "reached"), (int)Num(row, "finished")));
        Assert.Equal(100, Num(row, "reachPercent"));
        // d3 after 2 s, d4 after 4 s: median 3 s, slowest 4 s.
        Assert.Equal((3, 4), (Num(row, "medianReachSeconds"), Num(row, "maxReachSeconds")));
    }

    [Fact]
    public void Program_compliance_scheduled_against_played()
    {
        var t = Report(ReportKinds.Compliance);
        Assert.Equal(["morning", "noon", "evening"], t.Rows.Select(r => (string)r["schedule"]!));
        // Morning: targets d1 d2 d3; d1 played to the end, d3 in part, d2 not at all: 1 of 3.
        var morning = t.Rows[0];
        Assert.Equal(("on-time", "Bản tin sáng"), (morning["outcome"], morning["title"]));
        Assert.Equal((3, 1, 1, 33.33), ((int)Num(morning, "targeted"), (int)Num(morning, "finished"), (int)Num(morning, "partial"), Num(morning, "compliancePercent")));
        Assert.Equal((1, 1, 0, 100), ((int)Num(t.Rows[1], "targeted"), (int)Num(t.Rows[1], "finished"), (int)Num(t.Rows[1], "partial"), Num(t.Rows[1], "compliancePercent")));
        var evening = t.Rows[2];
        Assert.Equal(("missed", "NotStartedInTime", 0.0), (evening["outcome"], evening["missReason"], Num(evening, "compliancePercent")));
        Assert.Equal(0, Num(evening, "targeted"));
    }

    [Fact]
    public void Commune_and_district_kpis()
    {
        var t = Report(ReportKinds.Kpi);
        Assert.Equal(["19501", "19504", "464"], t.Rows.Select(r => (string)r["code"]!));
        // Working = online ≥ 80 %: d1 (100) and d4 (90); d2 (75) and d3 (50) are not.
        // Hải An: villages Thôn 1 (d1 works: reached), Thôn 2 (d3 does not), Thôn 3 (no cluster): 1 of 3 = 33.33 %;
        // clusters online (24 + 18 + 12) / 72 h = 75 %; airtime 67 min = 1.12 h.
        var a = t.Rows[0];
        Assert.Equal(("commune", 3, 1, 33.33), (a["level"], (int)Num(a, "villages"), (int)Num(a, "villagesReached"), Num(a, "villagesReachedPercent")));
        Assert.Equal((3, 1, 75, 1.12), ((int)Num(a, "clusters"), (int)Num(a, "clustersWorking"), Num(a, "clustersOnlinePercent"), Num(a, "airtimeHours")));
        // Hải Khê: Thôn Tân reached by d4 (90 %); airtime 13 min = 0.22 h.
        var b = t.Rows[1];
        Assert.Equal((1, 1, 100), ((int)Num(b, "villages"), (int)Num(b, "villagesReached"), Num(b, "villagesReachedPercent")));
        Assert.Equal((1, 1, 90, 0.22), ((int)Num(b, "clusters"), (int)Num(b, "clustersWorking"), Num(b, "clustersOnlinePercent"), Num(b, "airtimeHours")));
        // Hải Lăng: 2 of 4 villages; online 75.6 / 96 h = 78.75 %; airtime 80 min = 1.33 h.
        var d = t.Rows[2];
        Assert.Equal(("district", 4, 2, 50), (d["level"], (int)Num(d, "villages"), (int)Num(d, "villagesReached"), Num(d, "villagesReachedPercent")));
        Assert.Equal((4, 2, 78.75, 1.33), ((int)Num(d, "clusters"), (int)Num(d, "clustersWorking"), Num(d, "clustersOnlinePercent"), Num(d, "airtimeHours")));
    }

    [Fact]
    public void Play_log_says_what_played_when_and_how_it_ended()
    {
        var t = Report(ReportKinds.PlayLog);
        Assert.Equal(8, t.Rows.Count);
        var interrupted = Assert.Single(t.Rows, r => Equals(r["device"], "d3") && Equals(r["session"], "S1"));
        Assert.Equal(("scheduled", "prog-news", "Bản tin sáng"), (interrupted["kind"], interrupted["program"], interrupted["title"]));
        Assert.Equal(("2026-12-01 07:00:00", "2026-12-01 07:10:00"), (interrupted["started"], interrupted["ended"]));
        Assert.Equal(("interrupted", "preempted by E1", 10.0, 3.0), (interrupted["ending"], interrupted["reason"], Num(interrupted, "minutes"), Num(interrupted, "underruns")));
        var emergency = Assert.Single(t.Rows, r => Equals(r["device"], "d4") && Equals(r["session"], "E1"));
        Assert.Equal(("emergency", "em1", "cap-2026-1", "finished"), (emergency["kind"], emergency["emergency"], emergency["cap"], emergency["ending"]));
        var dropped = Assert.Single(t.Rows, r => Equals(r["device"], "d4") && Equals(r["session"], "U1"));
        Assert.Equal(("upload", "dropped", "the speaker went offline", 6.0), (dropped["kind"], dropped["ending"], dropped["reason"], Num(dropped, "minutes")));
        var night = Assert.Single(t.Rows, r => Equals(r["session"], "U2"));
        Assert.Equal(("2026-12-02 00:10:00", 20.0), (night["ended"], Num(night, "minutes")));
    }

    [Fact]
    public void A_user_limited_to_one_commune_sees_only_its_figures()
    {
        var period = _w.Service.Period(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1));
        var airtime = _w.Service.Build(ReportKinds.Airtime, period, ["19504"], null, "device");
        Assert.Equal("d4", Assert.Single(airtime.Rows)["device"]);
        var kpi = _w.Service.Build(ReportKinds.Kpi, period, ["19504"], null);
        Assert.Equal(["19504", "464"], kpi.Rows.Select(r => (string)r["code"]!));
        Assert.Equal(1, Num(kpi.Rows[1], "villages"));
        // The morning slot targeted no speaker of Hải Khê, and the missed evening slot names none.
        Assert.Equal(["noon"], _w.Service.Build(ReportKinds.Compliance, period, ["19504"], null).Rows.Select(r => (string)r["schedule"]!));
        var reach = Assert.Single(_w.Service.Build(ReportKinds.Emergencies, period, ["19504"], null).Rows);
        Assert.Equal((1, 1), ((int)Num(reach, "targeted"), (int)Num(reach, "reached")));
        // Narrowing to a village of one's commune works; another commune is refused.
        Assert.Equal("d4", Assert.Single(_w.Service.Build(ReportKinds.Uptime, period, ["19504"], "1950401").Rows)["device"]);
        var outside = Assert.Throws<ReportScopeException>(() => _w.Service.Build(ReportKinds.Uptime, period, ["19504"], "19501"));
        Assert.Equal(ReportScopeProblem.OutsideScope, outside.Problem);
        Assert.Equal(ReportScopeProblem.UnknownArea,
            Assert.Throws<ReportScopeException>(() => _w.Service.Build(ReportKinds.Uptime, period, [], "99999")).Problem);
    }
}
