using System.Net;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A CAP alert of the emergency class through the controller's real parts, no fakes: approval, Vietnamese speech of
/// its headline and instruction by espeak-ng, the emergency broadcaster (chime first, then the speech), a real speaker,
/// and the ledger reading what that speaker played against the CAP identifier.
/// </summary>
public sealed class Cap_Emergency_EndToEnd_Tests : IAsyncLifetime
{
    private static readonly (string Name, string Role)[] Users = [("feed", "cap-feed"), ("ap", "approver"), ("tech", "technician"), ("viewer", "viewer")];

    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        var args = Users.SelectMany((u, i) => new[]
        {
            $"--Accounts:Users:{i}:Name={u.Name}", $"--Accounts:Users:{i}:Roles:0={u.Role}", $"--Accounts:Users:{i}:Token={CalendarUsers.Token(u.Name)}",
        }).Append("--Cap:EmergencyRepeat=1").ToArray();
        _controller = await RunningController.StartAsync(_temp.Sub("data"), _ => { }, null, args);
        await Targets.ImportAreasAsync(As("tech"));
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    private ApiClient As(string user) => new(_controller.Http, CalendarUsers.Token(user));

    [Fact]
    public async Task An_approved_storm_alert_sounds_the_chime_then_its_speech_and_the_ledger_shows_the_speaker_played_it()
    {
        var secret = await _controller.RegisterDeviceAsync("dong");
        await ApiClient.Ok(await As("tech").PutAsync("/api/devices/dong/placement", new { village = "0898001" }));
        await using var speaker = new RunningSpeaker("dong", secret, _controller.BrokerPort, _temp.Sub("dong"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Contains("dong"), TimeSpan.FromSeconds(15), "dong online");

        var posted = await As("feed").PostRawAsync("/api/cap", CapSample.Text("alert-geocode.xml", ("ID", "KTTV-REAL-1")), "application/cap+xml");
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var approved = await ApiClient.Ok(await As("ap").PostAsync($"/api/cap/{id}/approve"));
        Assert.Equal(("emergency", "airing"), (approved.GetProperty("class").GetString(), approved.GetProperty("state").GetString()));

        JsonElement view = default;
        await Eventually.TrueAsync(async () =>
        {
            view = await As("viewer").GetJsonAsync($"/api/cap/{id}");
            return view.GetProperty("state").GetString() == "aired";
        }, TimeSpan.FromSeconds(60), "the CAP emergency aired and ended");

        var airing = Assert.Single(view.GetProperty("airings").EnumerateArray().ToArray());
        Assert.Equal(("emergency", "finished"), (airing.GetProperty("kind").GetString(), airing.GetProperty("state").GetString()));
        var device = Assert.Single(airing.GetProperty("devices").EnumerateArray().ToArray());
        Assert.Equal(("dong", "finished"), (device.GetProperty("id").GetString(), device.GetProperty("status").GetString()));

        var report = await As("viewer").GetJsonAsync($"/api/emergencies/{airing.GetProperty("id").GetString()}");
        Assert.Equal("KTTV-REAL-1", report.GetProperty("capIdentifier").GetString());
        var played = TestAudio.ReadWav(speaker.WavOf(report.GetProperty("broadcastId").GetString()!));
        const int rate = DecodedAudio.SampleRate;
        // The chime (1.8 s), a gap (0.7 s), then several seconds of espeak-ng reading the Vietnamese headline and instruction.
        Assert.True(played.Length > rate * 5, $"the speaker played {played.Length / (double)rate:0.0} s");
        Assert.True(played.AsSpan(0, rate).ToArray().Max(MathF.Abs) > 0.1f, "no chime in the first second");
        var speech = played.AsSpan(rate * 5 / 2).ToArray();
        var speechRms = Math.Sqrt(speech.Average(s => (double)s * s));
        Assert.True(speechRms > 0.01, $"the speech after the chime is silent (RMS {speechRms:0.0000})");
    }
}
