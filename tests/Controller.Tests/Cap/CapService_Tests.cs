using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Cap;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Audio;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>
/// The ledger's flow on a real LiteDB file, a real registry and area tree, with recording fakes for speech, the
/// emergency broadcaster and the broadcast service: approval, air-at-once, Update, Cancel, duplicates, statuses.
/// </summary>
public sealed class CapService_Tests : IDisposable
{
    private const string Sent = "2026-09-02T15:30:00+07:00";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-09-02T09:00:00Z"));
    private readonly RecordingSpeech _speech = new();
    private readonly RecordingEmergencies _emergencies = new();
    private readonly RecordingAirway _airway;
    private readonly CapOptions _options = new();
    private readonly DeviceRegistry _registry;
    private readonly TargetDirectory _directory;

    public CapService_Tests()
    {
        _airway = new RecordingAirway(_emergencies);
        _registry = new DeviceRegistry(_db.Database, _time, new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        _directory = new TargetDirectory(_db.Database, _registry, new CapturingLogger<TargetDirectory>());
        _directory.ImportAreas(
        [
            new("01", "Hà Nội", AdministrativeLevel.Province),
            new("08980", "Xã Tiền Phong", AdministrativeLevel.Commune, "01"),
            new("0898001", "Thôn Đông", AdministrativeLevel.Village, "08980"),
            new("0898002", "Thôn Tây", AdministrativeLevel.Village, "08980"),
        ]);
        foreach (var id in new[] { "d1", "d2", "d3" }) _registry.Register(id, null);
        _directory.Place("d1", "0898001", []);
        _directory.Place("d2", "0898002", []);
        _registry.SetSurveyedPosition("d3", 21.05, 105.85);
    }

    public void Dispose() => _db.Dispose();

    private CapService Service(bool withSpeech = true, ICapAirway? airway = null)
    {
        var services = new ServiceCollection();
        if (withSpeech) services.AddSingleton<ISpeechSynthesizer>(_speech);
        var options = Options.Create(_options);
        var audio = new CapAudio(new AudioFileDecoder(), services.BuildServiceProvider(), options);
        return new CapService(new CapStore(_db.Database), airway ?? _airway, audio, _directory, _registry, options, _time, new CapturingLogger<CapService>());
    }

    private static async Task<CapRecord> Accepted(Task<CapIngestResult> ingest)
    {
        var result = await ingest;
        Assert.True(result.Outcome == CapOutcome.Accepted, string.Join("; ", result.Errors));
        return result.Record!;
    }

    [Fact]
    public async Task An_actual_alert_waits_for_an_approver_who_did_not_post_it_then_airs_as_an_emergency()
    {
        var cap = Service();
        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-geocode.xml", ("ID", "KTTV-1")), "feed", default));

        Assert.Equal(CapState.PendingApproval, record.State);
        Assert.Equal(PriorityClass.Emergency, record.Class);
        Assert.Equal(OriginLevel.Province, record.Origin);
        Assert.Equal(["d1", "d2"], record.TargetDevices);
        Assert.Equal(["08980"], record.TargetAreas);
        Assert.Equal(["FIPS6=12345"], record.UnknownGeocodes);
        Assert.Equal("vi-VN", record.Language);
        Assert.Empty(_emergencies.Started);

        var refused = await cap.ApproveAsync(record.Id, "FEED", default);
        Assert.Equal(CapDecisionOutcome.SameActor, refused.Outcome);
        Assert.Empty(_emergencies.Started);

        var approved = await cap.ApproveAsync(record.Id, "ap", default);

        Assert.Equal(CapDecisionOutcome.Done, approved.Outcome);
        var (id, request) = Assert.Single(_emergencies.Started);
        Assert.Equal(["d1", "d2"], request.Targets.DeviceIds);
        Assert.Equal(("KTTV-1", "ap", 2, OriginLevel.Province), (request.CapIdentifier, request.RequestedBy, request.Repeat, request.Origin));
        Assert.Equal("CAP: Bão số 3 đang tiến vào đất liền", request.Title);
        Assert.Equal(DecodedAudio.SampleRate, request.Message.SampleCount);
        var said = Assert.Single(_speech.Calls);
        Assert.Equal(("Bão số 3 đang tiến vào đất liền. Neo đậu tàu thuyền, không ra khỏi nhà", TtsVoice.Northern, 1.0), said);
        var stored = cap.Find(record.Id)!;
        Assert.Equal((CapState.Airing, "ap", "tts"), (stored.State, stored.DecidedBy, stored.AudioSource));
        Assert.Equal([id], stored.Emergencies);
        Assert.Null(stored.PendingXml);
        Assert.Equal(CapDecisionOutcome.NotPending, (await cap.ApproveAsync(record.Id, "ap2", default)).Outcome);
    }

    [Fact]
    public async Task A_rejected_alert_never_airs()
    {
        var cap = Service();
        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-geocode.xml"), "feed", default));

        Assert.Equal(CapDecisionOutcome.SameActor, (await cap.RejectAsync(record.Id, "feed", "no", default)).Outcome);
        var rejected = await cap.RejectAsync(record.Id, "ap", "duplicate of the radio bulletin", default);

        Assert.Equal(CapState.Rejected, rejected.Record!.State);
        Assert.Contains("duplicate of the radio bulletin", rejected.Record.Verdict);
        Assert.Equal(CapDecisionOutcome.NotPending, (await cap.ApproveAsync(record.Id, "ap", default)).Outcome);
        Assert.Equal(CapDecisionOutcome.NotFound, (await cap.ApproveAsync("nope", "ap", default)).Outcome);
        Assert.Empty(_emergencies.Started);
        Assert.Empty(_airway.Broadcasts);
    }

    [Fact]
    public async Task A_polygon_alert_airs_as_a_priority_broadcast_to_the_devices_inside_and_reports_what_they_played()
    {
        var cap = Service();
        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-polygon.xml"), "feed", default));
        Assert.Equal(["d3"], record.DevicesByGeometry);

        await cap.ApproveAsync(record.Id, "ap", default);

        var aired = Assert.Single(_airway.Broadcasts);
        Assert.Equal((PriorityClass.Priority, OriginLevel.Province), (aired.Class, aired.Origin));
        Assert.Equal(["d3"], aired.Targets.DeviceIds);
        Assert.Equal(CapState.Airing, cap.Find(record.Id)!.State);

        var started = _time.GetUtcNow();
        _airway.Views[aired.Id] = new BroadcastView(aired.Id, aired.Title, "program", BroadcastState.Finished, false, "tts", 1000, started, started, started, null,
            [new DeviceDeliveryView("d3", DeliveryStatus.Finished, started, started, 0, null)]);
        var done = cap.Find(record.Id)!;
        Assert.Equal(CapState.Aired, done.State);
        var airing = Assert.Single(cap.Airings(done));
        Assert.Equal(("broadcast", aired.Id, BroadcastState.Finished), (airing.Kind, airing.Id, airing.State));
        Assert.Equal(DeliveryStatus.Finished, Assert.Single(airing.Devices).Status);
    }

    [Fact]
    public async Task Extreme_immediate_airs_at_once_when_configured_with_the_alert_s_own_audio()
    {
        _options.AirAtOnce = true;
        var tone = Enumerable.Range(0, 24_000).Select(i => 0.4f * MathF.Sin(i * 0.1f)).ToArray();
        var wav = Convert.ToBase64String(TestWav.Build(tone, 24_000, 1, WavSampleFormat.Pcm16));
        var cap = Service();

        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-audio.xml", ("AUDIO", wav)), "feed", default));

        Assert.Equal(CapState.Airing, record.State);
        Assert.Equal("resource", record.AudioSource);
        var (_, request) = Assert.Single(_emergencies.Started);
        Assert.Equal(48_000, request.Message.SampleCount);
        Assert.Empty(_speech.Calls);
        Assert.Contains("aired at once", record.Verdict);
    }

    [Fact]
    public async Task Without_the_option_extreme_immediate_still_waits_and_unusable_audio_falls_back_to_speech()
    {
        var cap = Service();
        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-audio.xml", ("AUDIO", Convert.ToBase64String("not audio at all"u8.ToArray()))), "feed", default));
        Assert.Equal(CapState.PendingApproval, record.State);

        var approved = (await cap.ApproveAsync(record.Id, "ap", default)).Record!;

        Assert.Equal("tts", approved.AudioSource);
        Assert.Contains("was not usable", approved.Verdict);
        Assert.Equal("Vỡ đê sông Hồng. Sơ tán ngay lên vùng cao", Assert.Single(_speech.Calls).Text);
    }

    [Theory]
    [InlineData("Test")]
    [InlineData("Exercise")]
    [InlineData("System")]
    [InlineData("Draft")]
    public async Task Other_statuses_are_recorded_and_not_aired(string status)
    {
        _options.AirAtOnce = true;
        var cap = Service();
        var record = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-geocode.xml", ("STATUS", status)), "feed", default));

        Assert.Equal(CapState.RecordedOnly, record.State);
        Assert.Equal($"status {status}: recorded, not aired", record.Verdict);
        Assert.Empty(_emergencies.Started);
        Assert.Empty(_airway.Broadcasts);
    }

    [Fact]
    public async Task A_duplicate_answers_with_the_existing_record_and_does_nothing_again()
    {
        _options.AirAtOnce = true;
        var cap = Service();
        var xml = CapSample.Bytes("alert-audio.xml", ("ID", "DUP-1"), ("AUDIO", Convert.ToBase64String(TestWav.Build(new float[4800], 48_000, 1, WavSampleFormat.Pcm16))));
        var first = await Accepted(cap.IngestAsync(xml, "feed", default));

        var again = await cap.IngestAsync(xml, "feed", default);

        Assert.Equal(CapOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.Id, again.Record!.Id);
        Assert.Single(_emergencies.Started);
        Assert.Single(cap.Recent(10));
    }

    [Fact]
    public async Task An_update_stops_what_the_referenced_alert_aired_and_goes_through_approval_itself()
    {
        var cap = Service();
        var first = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-geocode.xml", ("ID", "KTTV-7")), "feed", default));
        await cap.ApproveAsync(first.Id, "ap", default);
        var (emergencyId, _) = Assert.Single(_emergencies.Started);

        var update = await Accepted(cap.IngestAsync(CapSample.Bytes("update.xml", ("ID", "KTTV-8"), ("SENT", "2026-09-02T17:00:00+07:00"),
            ("REFS", $"kttv.gov.vn,KTTV-7,{Sent}")), "feed", default));

        var (cancelled, reason) = Assert.Single(_emergencies.Cancelled);
        Assert.Equal(emergencyId, cancelled);
        Assert.Contains("Update KTTV-8", reason);
        var old = cap.Find(first.Id)!;
        Assert.Equal((CapState.Cancelled, update.Id), (old.State, old.CancelledBy));
        Assert.Contains("replaced by KTTV-8", old.Verdict);
        Assert.Equal(CapState.PendingApproval, update.State);
        Assert.StartsWith("replaced KTTV-7; waiting for approval", update.Verdict);

        await cap.ApproveAsync(update.Id, "ap", default);
        Assert.Equal(PriorityClass.Priority, Assert.Single(_airway.Broadcasts).Class);
    }

    [Fact]
    public async Task A_cancel_stops_airing_alerts_and_withdraws_waiting_ones_of_the_same_sender_only()
    {
        var cap = Service();
        var airing = await Accepted(cap.IngestAsync(CapSample.Bytes("update.xml", ("ID", "A-1"), ("MSGTYPE", "Alert"), ("REFS", "")), "feed", default));
        await cap.ApproveAsync(airing.Id, "ap", default);
        var waiting = await Accepted(cap.IngestAsync(CapSample.Bytes("update.xml", ("ID", "A-2"), ("MSGTYPE", "Alert")), "feed", default));
        var other = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-polygon.xml", ("ID", "P-1")), "feed", default));

        var cancel = await Accepted(cap.IngestAsync(CapSample.Bytes("update.xml", ("ID", "C-1"), ("MSGTYPE", "Cancel"),
            ("REFS", $"kttv.gov.vn,A-1,{Sent} kttv.gov.vn,A-2,{Sent} pctt.hanoi.gov.vn,P-1,{Sent}")), "feed", default));

        Assert.Equal(CapState.RecordedOnly, cancel.State);
        Assert.Equal("Cancel: stopped A-1, A-2 (1 reference(s) to another sender ignored)", cancel.Verdict);
        Assert.Equal(("bc1", "CAP Cancel C-1 from kttv.gov.vn"), Assert.Single(_airway.StoppedBroadcasts));
        Assert.Equal(CapState.Cancelled, cap.Find(airing.Id)!.State);
        Assert.Equal(CapState.Cancelled, cap.Find(waiting.Id)!.State);
        Assert.Equal(CapState.PendingApproval, cap.Find(other.Id)!.State);
        Assert.Equal(CapDecisionOutcome.NotPending, (await cap.ApproveAsync(waiting.Id, "ap", default)).Outcome);
    }

    [Fact]
    public async Task Alerts_that_cannot_air_say_why()
    {
        var noSpeech = Service(withSpeech: false);
        var polygon = await Accepted(noSpeech.IngestAsync(CapSample.Bytes("alert-polygon.xml"), "feed", default));
        var failed = (await noSpeech.ApproveAsync(polygon.Id, "ap", default)).Record!;
        Assert.Equal(CapState.Failed, failed.State);
        Assert.Equal("the alert has no usable audio and no text-to-speech engine is configured", failed.Verdict);

        var noEmergency = Service(airway: new RecordingAirway());
        var storm = await Accepted(noEmergency.IngestAsync(CapSample.Bytes("alert-geocode.xml"), "feed", default));
        var refused = (await noEmergency.ApproveAsync(storm.Id, "ap", default)).Record!;
        Assert.Equal(CapState.Failed, refused.State);
        Assert.Contains("no emergency broadcaster is configured", refused.Verdict);

        _speech.Fail = true;
        var circle = await Accepted(Service().IngestAsync(CapSample.Bytes("alert-circle.xml"), "feed", default));
        Assert.Contains("text-to-speech failed: the engine is down", (await Service().ApproveAsync(circle.Id, "ap", default)).Record!.Verdict);
    }

    [Fact]
    public async Task Expired_alerts_and_alerts_for_other_places_are_recorded_only()
    {
        var cap = Service();
        var expired = await Accepted(cap.IngestAsync(CapSample.Bytes("alert-geocode.xml", ("EXPIRES", "2026-09-02T15:59:59+07:00")), "feed", default));
        Assert.Equal(CapState.RecordedOnly, expired.State);
        Assert.StartsWith("expired at", expired.Verdict);

        var southern = CapSample.Text("alert-polygon.xml")
            .Replace("21.00,105.80 21.00,105.90 21.10,105.90 21.10,105.80 21.00,105.80", "10,106 10,107 11,107 10,106");
        var elsewhere = await Accepted(cap.IngestAsync(System.Text.Encoding.UTF8.GetBytes(southern), "feed", default));
        Assert.Equal(CapState.RecordedOnly, elsewhere.State);
        Assert.Contains("no speaker of this installation", elsewhere.Verdict);
    }

    [Fact]
    public async Task Invalid_alerts_are_not_recorded_and_every_problem_is_returned()
    {
        var cap = Service();
        var result = await cap.IngestAsync(File.ReadAllBytes(Path.Combine(CapSample.Folder, "invalid-missing.xml")), "feed", default);

        Assert.Equal(CapOutcome.Invalid, result.Outcome);
        Assert.Equal(7, result.Errors.Count);
        Assert.Empty(cap.Recent(10));
    }

    [Fact]
    public async Task The_ledger_survives_a_restart_with_the_raw_xml_capped()
    {
        _options.MaxStoredXmlChars = 100;
        var record = await Accepted(Service().IngestAsync(CapSample.Bytes("alert-geocode.xml", ("ID", "KEEP-1")), "feed", default));
        _db.Reopen();

        var cap = new CapService(new CapStore(_db.Database), _airway, new CapAudio(new AudioFileDecoder(), new ServiceCollection().BuildServiceProvider(), Options.Create(_options)),
            _directory, _registry, Options.Create(_options), _time, new CapturingLogger<CapService>());
        var stored = cap.Find(record.Id)!;

        Assert.Equal(("KEEP-1", CapState.PendingApproval, 100, true), (stored.Identifier, stored.State, stored.RawXml.Length, stored.RawXmlTruncated));
        Assert.NotNull(stored.PendingXml);
    }
}
