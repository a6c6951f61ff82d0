using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>POST /api/devices/{id}/commands against a real controller and a real agent over MQTT.</summary>
public sealed class Device_Commands_EndToEnd_Tests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private RunningController _controller = null!;
    private RunningSpeaker _speaker = null!;

    public async Task InitializeAsync()
    {
        _controller = await CalendarUsers.StartAsync(_dir.Sub("data"));
        var registered = await _controller.As("admin").PostOkAsync("/api/devices", new { id = "loa-01", name = "Loa chợ" });
        _speaker = new RunningSpeaker("loa-01", registered.GetProperty("secret").GetString()!, _controller.BrokerPort, _dir.Sub("wav"));
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Contains("loa-01"), TimeSpan.FromSeconds(10), "the speaker is online");
    }

    public async Task DisposeAsync()
    {
        await _speaker.DisposeAsync();
        await _controller.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Set_volume_reaches_the_agent_which_applies_and_reports_it()
    {
        var response = await _controller.As("tech").PostAsync("/api/devices/loa-01/commands", new { type = "set-volume", volume = 37 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ApiClient.Ok(response);
        Assert.Equal("loa-01", body.GetProperty("deviceId").GetString());
        Assert.Equal("set-volume", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("online").GetBoolean());
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("commandId").GetString());

        await Eventually.TrueAsync(() => Task.FromResult(_speaker.Status.Volume == 37), TimeSpan.FromSeconds(10), "the agent applied volume 37");
        await Eventually.TrueAsync(async () =>
            (await _controller.As("tech").GetJsonAsync("/api/devices/loa-01")).GetProperty("volume").GetInt32() == 37,
            TimeSpan.FromSeconds(10), "the controller saw the reported volume");

        var audit = await _controller.As("admin").GetJsonAsync("/api/audit?action=device.command&target=loa-01");
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("tech", entry.GetProperty("actor").GetString());
        Assert.True(entry.GetProperty("succeeded").GetBoolean());
        Assert.StartsWith("set-volume 37", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Test_tone_makes_the_agent_play_two_seconds_of_tone()
    {
        var response = await _controller.As("tech").PostAsync("/api/devices/loa-01/commands", new { type = "test-tone" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var path = Path.Combine(_speaker.WavDirectory, "test-tone.wav");
        float[]? tone = null;
        await Eventually.TrueAsync(() => Task.FromResult((tone = TryRead(path)) is { Length: 96_000 }), TimeSpan.FromSeconds(15), "two seconds of tone were written");
        var rms = Math.Sqrt(tone!.Average(s => (double)s * s));
        Assert.InRange(rms, 0.3, 0.4); // a half-scale sine: 0.5 / √2
    }

    [Fact]
    public async Task Bad_commands_are_refused_with_a_problem_and_audited()
    {
        var tech = _controller.As("tech");
        await AssertProblem(await tech.PostAsync("/api/devices/loa-01/commands", new { type = "explode" }), HttpStatusCode.BadRequest, "'type' must be one of");
        await AssertProblem(await tech.PostAsync("/api/devices/loa-01/commands", new { type = "set-volume", volume = 101 }), HttpStatusCode.BadRequest, "between 0 and 100");
        await AssertProblem(await tech.PostAsync("/api/devices/loa-01/commands", new { type = "set-volume" }), HttpStatusCode.BadRequest, "between 0 and 100");
        await AssertProblem(await tech.PostAsync("/api/devices/loa-01/commands", new { type = "reboot", volume = 5 }), HttpStatusCode.BadRequest, "only goes with set-volume");
        await AssertProblem(await tech.PostAsync("/api/devices/nope/commands", new { type = "reboot" }), HttpStatusCode.NotFound, "no speaker with id 'nope'");
        Assert.Equal(HttpStatusCode.Forbidden, (await _controller.As("viewer").PostAsync("/api/devices/loa-01/commands", new { type = "reboot" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Anonymous().PostAsync("/api/devices/loa-01/commands", new { type = "reboot" })).StatusCode);

        Assert.False(_speaker.Status.RebootRequested);
        Assert.Equal(100, _speaker.Status.Volume);
        var audit = await _controller.As("admin").GetJsonAsync("/api/audit?action=device.command");
        Assert.Equal(5, audit.GetArrayLength());
        Assert.All(audit.EnumerateArray(), e => Assert.False(e.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public async Task Me_tells_who_the_token_belongs_to()
    {
        var me = await _controller.As("tech").GetJsonAsync("/api/me");
        Assert.Equal("tech", me.GetProperty("name").GetString());
        Assert.Equal(["technician"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Anonymous().GetAsync("/api/me")).StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    private static float[]? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? TestAudio.ReadWav(path) : null;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
