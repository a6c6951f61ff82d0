using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// POST /api/cap over HTTP on a running controller, with recording fakes for speech and the emergency broadcaster
/// (their real engines are other parts of the controller): access, validation problems, approval, Update, Cancel,
/// duplicates, statuses; and one priority alert played by a real speaker through the broadcast service.
/// </summary>
public sealed class Cap_EndToEnd_Tests : IAsyncLifetime
{
    private const string Sent = "2026-09-02T15:30:00+07:00";

    private static readonly (string Name, string[] Roles)[] Users =
    [
        ("feed", ["cap-feed"]),
        ("feedap", ["cap-feed", "approver"]),
        ("ap", ["approver"]),
        ("bc", ["broadcaster"]),
        ("tech", ["technician"]),
        ("viewer", ["viewer"]),
    ];

    private readonly TempDirectory _temp = new();
    private readonly FakeSpeech _speech = new();
    private readonly FakeEmergencies _emergencies = new();
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        var args = Users.SelectMany((u, i) => u.Roles.Select((r, j) => $"--Accounts:Users:{i}:Roles:{j}={r}")
            .Append($"--Accounts:Users:{i}:Name={u.Name}").Append($"--Accounts:Users:{i}:Token={CalendarUsers.Token(u.Name)}")).ToArray();
        _controller = await RunningController.StartAsync(_temp.Sub("data"), services =>
        {
            services.AddSingleton<ISpeechSynthesizer>(_speech);
            services.AddSingleton<IEmergencyBroadcaster>(_emergencies);
        }, null, args);
        var tech = As("tech");
        await Targets.ImportAreasAsync(tech);
        foreach (var d in new[] { "d1", "d2" }) await _controller.RegisterDeviceAsync(d);
        await ApiClient.Ok(await tech.PutAsync("/api/devices/d1/placement", new { village = "0898001" }));
        await ApiClient.Ok(await tech.PutAsync("/api/devices/d2/placement", new { village = "0898002" }));
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    private ApiClient As(string user) => new(_controller.Http, CalendarUsers.Token(user));

    private Task<HttpResponseMessage> PostCap(string user, string xml, string contentType = "application/cap+xml") =>
        As(user).PostRawAsync("/api/cap", xml, contentType);

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} (expected {(int)expected}): {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Only_cap_feeds_and_admins_post_and_every_signed_in_user_reads()
    {
        var xml = CapSample.Text("alert-geocode.xml");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Http.PostAsync("/api/cap", new StringContent(xml, Encoding.UTF8, "application/cap+xml"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCap("bc", xml)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCap("viewer", xml)).StatusCode);
        var created = await Json(await PostCap("feed", xml), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("feed").PostAsync($"/api/cap/{created.GetProperty("id").GetString()}/approve")).StatusCode);

        var list = await As("viewer").GetJsonAsync("/api/cap");
        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single(list.EnumerateArray().ToArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await As("viewer").GetAsync("/api/cap/nope")).StatusCode);
    }

    [Fact]
    public async Task Invalid_documents_get_a_problem_listing_every_error_and_nothing_is_recorded()
    {
        foreach (var (sample, expected) in new[]
        {
            ("invalid-missing.xml", "alert/identifier: required"),
            ("invalid-enum.xml", "alert/status: 'Real' is not one of"),
            ("invalid-date.xml", "alert/sent: '2026-09-02T08:30:00Z' is not a CAP dateTime"),
            ("invalid-xxe.xml", "DTD"),
            ("invalid-namespace.xml", "urn:oasis:names:tc:emergency:cap:1.1"),
        })
        {
            var problem = await Json(await PostCap("feed", File.ReadAllText(Path.Combine(CapSample.Folder, sample)), "application/xml"), HttpStatusCode.BadRequest);
            Assert.Equal("Invalid CAP 1.2 alert", problem.GetProperty("title").GetString());
            var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.True(errors.Any(e => e.Contains(expected)), $"{sample}: {string.Join(" | ", errors)}");
        }
        var missing = await Json(await PostCap("feed", File.ReadAllText(Path.Combine(CapSample.Folder, "invalid-missing.xml"))), HttpStatusCode.BadRequest);
        Assert.Equal(7, missing.GetProperty("errors").GetArrayLength());
        Assert.StartsWith("7 problems:", missing.GetProperty("detail").GetString());

        await Json(await PostCap("feed", "{\"alert\":1}"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostCap("feed", CapSample.Text("alert-geocode.xml"), "text/plain")).StatusCode);
        var huge = CapSample.Text("alert-geocode.xml").Replace("<info>", "<note>" + new string('x', 1_100_000) + "</note><info>");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostCap("feed", huge)).StatusCode);

        Assert.Equal(0, (await As("viewer").GetJsonAsync("/api/cap")).GetArrayLength());
    }

    [Fact]
    public async Task An_actual_alert_waits_for_another_approver_then_airs_as_an_emergency_and_a_duplicate_changes_nothing()
    {
        var xml = CapSample.Text("alert-geocode.xml", ("ID", "KTTV-E2E-1"));
        var created = await Json(await PostCap("feedap", xml), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("pending-approval", created.GetProperty("state").GetString());
        Assert.Equal("emergency", created.GetProperty("class").GetString());
        Assert.Equal(["d1", "d2"], created.GetProperty("targetDevices").EnumerateArray().Select(e => e.GetString()));

        var self = await Json(await As("feedap").PostAsync($"/api/cap/{id}/approve"), HttpStatusCode.Forbidden);
        Assert.Contains("may not approve", self.GetProperty("detail").GetString());
        Assert.Empty(_emergencies.Started);

        var approved = await ApiClient.Ok(await As("ap").PostAsync($"/api/cap/{id}/approve"));
        Assert.Equal("airing", approved.GetProperty("state").GetString());
        var (emergencyId, request) = Assert.Single(_emergencies.Started);
        Assert.Equal(("KTTV-E2E-1", "ap"), (request.CapIdentifier, request.RequestedBy));
        Assert.Equal(["d1", "d2"], request.Targets.DeviceIds);
        Assert.Contains("Neo đậu tàu thuyền", Assert.Single(_speech.Texts));

        var view = await As("viewer").GetJsonAsync($"/api/cap/{id}");
        var airing = Assert.Single(view.GetProperty("airings").EnumerateArray().ToArray());
        Assert.Equal(("emergency", emergencyId), (airing.GetProperty("kind").GetString(), airing.GetProperty("id").GetString()));
        Assert.Contains("KTTV-E2E-1", view.GetProperty("rawXml").GetString());

        var duplicate = await Json(await PostCap("feed", xml), HttpStatusCode.OK);
        Assert.Equal(id, duplicate.GetProperty("id").GetString());
        Assert.Single(_emergencies.Started);
        Assert.Equal(HttpStatusCode.Conflict, (await As("ap").PostAsync($"/api/cap/{id}/approve")).StatusCode);
    }

    [Fact]
    public async Task Update_replaces_and_cancel_stops_what_was_aired()
    {
        var first = await Json(await PostCap("feed", CapSample.Text("alert-geocode.xml", ("ID", "KTTV-U1"))), HttpStatusCode.Created);
        await ApiClient.Ok(await As("ap").PostAsync($"/api/cap/{first.GetProperty("id").GetString()}/approve"));
        var (emergencyId, _) = Assert.Single(_emergencies.Started);

        var update = await Json(await PostCap("feed", CapSample.Text("update.xml", ("ID", "KTTV-U2"), ("REFS", $"kttv.gov.vn,KTTV-U1,{Sent}"))), HttpStatusCode.Created);
        Assert.Equal(emergencyId, Assert.Single(_emergencies.Cancelled).Id);
        Assert.StartsWith("replaced KTTV-U1", update.GetProperty("verdict").GetString());
        var old = await As("viewer").GetJsonAsync($"/api/cap/{first.GetProperty("id").GetString()}");
        Assert.Equal(("cancelled", update.GetProperty("id").GetString()), (old.GetProperty("state").GetString(), old.GetProperty("cancelledBy").GetString()));

        var cancel = await Json(await PostCap("feed", CapSample.Text("update.xml", ("ID", "KTTV-U3"), ("MSGTYPE", "Cancel"), ("REFS", $"kttv.gov.vn,KTTV-U2,{Sent}"))), HttpStatusCode.Created);
        Assert.Equal(("recorded-only", "Cancel: stopped KTTV-U2"), (cancel.GetProperty("state").GetString(), cancel.GetProperty("verdict").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await As("ap").PostAsync($"/api/cap/{update.GetProperty("id").GetString()}/approve")).StatusCode);
    }

    [Fact]
    public async Task A_test_alert_is_recorded_and_the_response_says_it_is_not_aired()
    {
        var test = await Json(await PostCap("feed", CapSample.Text("alert-geocode.xml", ("STATUS", "Test"))), HttpStatusCode.Created);

        Assert.Equal("recorded-only", test.GetProperty("state").GetString());
        Assert.Equal("status Test: recorded, not aired", test.GetProperty("verdict").GetString());
        Assert.False(test.GetProperty("aired").GetBoolean());
        Assert.Empty(_emergencies.Started);
        Assert.Empty(_speech.Texts);
    }

    [Fact]
    public async Task A_priority_polygon_alert_is_played_by_a_real_speaker_standing_inside_and_logged_against_it()
    {
        var secret = await _controller.RegisterDeviceAsync("river");
        var tech = As("tech");
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PutAsync("/api/devices/river/position", new { latitude = 95.0, longitude = 105.85 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("viewer").PutAsync("/api/devices/river/position", new { latitude = 21.05, longitude = 105.85 })).StatusCode);
        var placed = await ApiClient.Ok(await tech.PutAsync("/api/devices/river/position", new { latitude = 21.05, longitude = 105.85 }));
        Assert.Equal("surveyed", placed.GetProperty("position").GetProperty("source").GetString());
        await using var speaker = new RunningSpeaker("river", secret, _controller.BrokerPort, _temp.Sub("river"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Contains("river"), TimeSpan.FromSeconds(15), "river online");

        var created = await Json(await PostCap("feed", CapSample.Text("alert-polygon.xml", ("ID", "PCTT-RIVER-1"))), HttpStatusCode.Created);
        Assert.Equal(("priority", "pending-approval"), (created.GetProperty("class").GetString(), created.GetProperty("state").GetString()));
        Assert.Equal(["river"], created.GetProperty("devicesByGeometry").EnumerateArray().Select(e => e.GetString()));
        var id = created.GetProperty("id").GetString()!;
        var approved = await ApiClient.Ok(await As("ap").PostAsync($"/api/cap/{id}/approve"));
        var broadcastId = Assert.Single(approved.GetProperty("broadcasts").EnumerateArray().ToArray()).GetString()!;

        JsonElement view = default;
        await Eventually.TrueAsync(async () =>
        {
            view = await As("viewer").GetJsonAsync($"/api/cap/{id}");
            return view.GetProperty("state").GetString() == "aired";
        }, TimeSpan.FromSeconds(30), "the CAP alert aired");

        var airing = Assert.Single(view.GetProperty("airings").EnumerateArray().ToArray());
        Assert.Equal(("broadcast", broadcastId, "finished"), (airing.GetProperty("kind").GetString(), airing.GetProperty("id").GetString(), airing.GetProperty("state").GetString()));
        var device = Assert.Single(airing.GetProperty("devices").EnumerateArray().ToArray());
        Assert.Equal(("river", "finished"), (device.GetProperty("id").GetString(), device.GetProperty("status").GetString()));
        var played = TestAudio.ReadWav(speaker.WavOf(broadcastId));
        Assert.True(played.Length >= DecodedAudio.SampleRate * 9 / 10, $"the speaker played {played.Length} samples of a 1 s alert");
        Assert.True(played.Max(MathF.Abs) > 0.1f, "the speaker played silence");
    }

    private sealed class FakeSpeech : ISpeechSynthesizer
    {
        public ConcurrentQueue<string> Texts { get; } = new();

        public Task<DecodedAudio> SynthesizeAsync(string text, TtsVoice voice, double speed, CancellationToken ct)
        {
            Texts.Enqueue(text);
            var samples = Enumerable.Range(0, DecodedAudio.SampleRate).Select(i => 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / DecodedAudio.SampleRate)).ToArray();
            return Task.FromResult(new DecodedAudio { Samples = samples, SourceFormat = "fake tts" });
        }
    }

    private sealed class FakeEmergencies : IEmergencyBroadcaster
    {
        public ConcurrentQueue<(string Id, EmergencyRequest Request)> Started { get; } = new();
        public ConcurrentQueue<(string Id, string Reason)> Cancelled { get; } = new();

        public string Start(EmergencyRequest request)
        {
            var id = "emergency-" + (Started.Count + 1);
            Started.Enqueue((id, request));
            return id;
        }

        public bool Cancel(string emergencyId, string reason)
        {
            Cancelled.Enqueue((emergencyId, reason));
            return true;
        }

        public EmergencyView? Find(string emergencyId) => null;
    }
}
