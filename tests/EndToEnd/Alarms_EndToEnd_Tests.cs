using System.Net;
using System.Text.Json;
using InfoRadio.DeviceAgent.Board;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// Real agents with simulated boards report faults over real MQTT; the controller raises and clears alarms that the
/// API shows. The offline rule runs with a delay of 3 s (Alarms:Rules:Offline:AfterMinutes=0.05) checked every 250 ms.
/// </summary>
public sealed class Alarms_EndToEnd_Tests : IAsyncLifetime
{
    private const double OfflineAfterSeconds = 3;
    private readonly TempDirectory _temp = new();
    private RunningController _controller = null!;

    private ApiClient Tech => _controller.As("tech");
    private ApiClient Viewer => _controller.As("viewer");

    public async Task InitializeAsync() =>
        _controller = await RunningController.StartAsync(_temp.Sub("data"), null,
        [
            .. CalendarUsers.Args(),
            $"--Alarms:Rules:Offline:AfterMinutes={OfflineAfterSeconds / 60}",
            "--Alarms:EvaluationIntervalSeconds=0.25",
        ]);

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _temp.Dispose();
    }

    private async Task<RunningSpeaker> SpeakerAsync(string id, string? secret = null) =>
        new(id, secret ?? await _controller.RegisterDeviceAsync(id), _controller.BrokerPort, _temp.Sub(id + "-" + Guid.NewGuid().ToString("N")[..6]),
            configure: o =>
            {
                o.TelemetryIntervalSeconds = 1;
                o.Board = new BoardOptions { Kind = BoardOptions.KindSimulated, Serial = "SN-" + id };
            });

    private async Task<JsonElement[]> AlarmsAsync(string query) => (await Viewer.GetJsonAsync("/api/alarms" + query)).EnumerateArray().ToArray();

    private async Task<JsonElement> TelemetryOfAsync(string id) => (await Tech.GetJsonAsync("/api/devices/" + id)).GetProperty("lastTelemetry");

    private static string[] Kinds(IEnumerable<JsonElement> alarms) => alarms.Select(a => a.GetProperty("kind").GetString()!).Order().ToArray();

    [Fact]
    public async Task Faults_reported_by_an_agent_raise_alarms_once_and_clear_when_the_condition_goes()
    {
        await using var speaker = await SpeakerAsync("alarm-a");
        var board = Assert.IsType<SimulatedBoardSensors>(speaker.Board);
        await Eventually.TrueAsync(async () => await TelemetryOfAsync("alarm-a") is { ValueKind: JsonValueKind.Object } t
                && t.GetProperty("serial").GetString() == "SN-alarm-a",
            TimeSpan.FromSeconds(15), "the first report arrived");
        Assert.Empty(await AlarmsAsync("?active=true"));

        board.SetMainsLost(true);
        board.SetTemperature(75);
        board.SetSpeakerFault("open");
        string[] expected = ["mains-lost", "over-temperature", "speaker-fault"];
        await Eventually.TrueAsync(async () => Kinds(await AlarmsAsync("?active=true&device=alarm-a")).SequenceEqual(expected),
            TimeSpan.FromSeconds(10), "three alarms raised");
        var active = await AlarmsAsync("?active=true");
        var hot = active.Single(a => a.GetProperty("kind").GetString() == "over-temperature");
        Assert.Equal("alarm-a", hot.GetProperty("deviceId").GetString());
        Assert.StartsWith("temperatureC=75 ", hot.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, hot.GetProperty("clearedAt").ValueKind);
        Assert.Equal("speakerFault=open", active.Single(a => a.GetProperty("kind").GetString() == "speaker-fault").GetProperty("detail").GetString());

        // Acknowledging is a technician's act, audited; a viewer may only look.
        var hotId = hot.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await Viewer.PostAsync($"/api/alarms/{hotId}/acknowledge")).StatusCode);
        var acknowledged = await Tech.PostOkAsync($"/api/alarms/{hotId}/acknowledge");
        Assert.Equal("tech", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Tech.PostAsync("/api/alarms/999999/acknowledge")).StatusCode);
        var audit = (await Tech.GetJsonAsync("/api/audit?action=alarm.acknowledge")).EnumerateArray().ToArray();
        Assert.Contains(audit, e => e.GetProperty("target").GetString() == hotId.ToString() && e.GetProperty("succeeded").GetBoolean());
        Assert.Contains(audit, e => e.GetProperty("target").GetString() == "999999" && !e.GetProperty("succeeded").GetBoolean());

        // Cooler but inside the hysteresis band, and the same faults repeated: nothing new, nothing cleared.
        board.SetTemperature(67);
        await Eventually.TrueAsync(async () => (await TelemetryOfAsync("alarm-a")).GetProperty("temperatureC").GetDouble() == 67,
            TimeSpan.FromSeconds(10), "the 67 °C report arrived");
        var reports = (await Viewer.GetJsonAsync("/api/alarms/stats")).GetProperty("telemetryEvaluated").GetInt64();
        await Eventually.TrueAsync(async () => (await Viewer.GetJsonAsync("/api/alarms/stats")).GetProperty("telemetryEvaluated").GetInt64() >= reports + 2,
            TimeSpan.FromSeconds(10), "two more reports evaluated");
        Assert.Equal(expected, Kinds(await AlarmsAsync("?active=true")));
        Assert.Equal(3, (await AlarmsAsync("")).Length);

        board.SetTemperature(60);
        board.SetMainsLost(false);
        board.SetSpeakerFault("ok");
        await Eventually.TrueAsync(async () => (await AlarmsAsync("?active=true")).Length == 0, TimeSpan.FromSeconds(10), "every alarm cleared");
        var history = await AlarmsAsync("?active=false&device=alarm-a");
        Assert.Equal(expected, Kinds(history));
        Assert.All(history, a => Assert.True(a.GetProperty("clearedAt").GetDateTimeOffset() >= a.GetProperty("raisedAt").GetDateTimeOffset()));
        Assert.StartsWith("temperatureC=60 ", history.Single(a => a.GetProperty("kind").GetString() == "over-temperature").GetProperty("clearDetail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal("tech", history.Single(a => a.GetProperty("id").GetInt64() == hotId).GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task An_agent_that_goes_away_raises_the_offline_alarm_after_the_delay_and_coming_back_clears_it()
    {
        var secret = await _controller.RegisterDeviceAsync("alarm-b");
        var speaker = await SpeakerAsync("alarm-b", secret);
        await Eventually.TrueAsync(async () => (await _controller.OnlineDevicesAsync()).Contains("alarm-b"), TimeSpan.FromSeconds(15), "online");
        await speaker.DisposeAsync();
        var gone = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(async () => !(await _controller.OnlineDevicesAsync()).Contains("alarm-b"), TimeSpan.FromSeconds(10), "offline");

        await Eventually.TrueAsync(async () => (await AlarmsAsync("?active=true&device=alarm-b")).Length == 1, TimeSpan.FromSeconds(15), "offline alarm");
        var alarm = Assert.Single(await AlarmsAsync("?active=true&device=alarm-b"));
        Assert.Equal("offline", alarm.GetProperty("kind").GetString());
        // Not before the delay: raised at least 3 s after the agent left (less a little for the controller seeing it first).
        Assert.True(alarm.GetProperty("raisedAt").GetDateTimeOffset() - gone >= TimeSpan.FromSeconds(OfflineAfterSeconds - 0.5),
            $"raised at {alarm.GetProperty("raisedAt")}, agent gone at {gone:O}");

        await using var back = await SpeakerAsync("alarm-b", secret);
        await Eventually.TrueAsync(async () => (await AlarmsAsync("?active=true&device=alarm-b")).Length == 0, TimeSpan.FromSeconds(15), "cleared on reconnect");
        Assert.Equal("back online", Assert.Single(await AlarmsAsync("?device=alarm-b")).GetProperty("clearDetail").GetString());
    }

    [Fact]
    public async Task Rules_are_read_by_anyone_signed_in_and_changed_only_by_technicians_with_validation_and_audit()
    {
        var rules = await Viewer.GetJsonAsync("/api/alarms/rules");
        Assert.Equal(70, rules.GetProperty("overTemperature").GetProperty("raiseAtC").GetDouble());
        Assert.Equal(OfflineAfterSeconds / 60, rules.GetProperty("offline").GetProperty("afterMinutes").GetDouble(), 6);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _controller.Anonymous().GetAsync("/api/alarms")).StatusCode);

        var changed = new
        {
            offline = new { enabled = true, afterMinutes = 15 },
            overTemperature = new { enabled = true, raiseAtC = 80, clearBelowC = 72 },
            lowSignal = new { enabled = true, raiseBelowDbm = -110, clearAboveDbm = -104 },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await Viewer.PutAsync("/api/alarms/rules", changed)).StatusCode);
        var saved = await ApiClient.Ok(await Tech.PutAsync("/api/alarms/rules", changed));
        Assert.Equal(80, saved.GetProperty("overTemperature").GetProperty("raiseAtC").GetDouble());
        Assert.True(saved.GetProperty("mainsLost").GetProperty("enabled").GetBoolean(), "an omitted rule takes its default");
        Assert.Equal(80, (await Viewer.GetJsonAsync("/api/alarms/rules")).GetProperty("overTemperature").GetProperty("raiseAtC").GetDouble());

        var bad = await Tech.PutAsync("/api/alarms/rules", new { overTemperature = new { enabled = true, raiseAtC = 60, clearBelowC = 65 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("clearBelowC must not be above raiseAtC", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Tech.PutAsync("/api/alarms/rules", new { offline = new { afterMinutes = 5, typo = 1 } })).StatusCode);
        Assert.Equal(80, (await Viewer.GetJsonAsync("/api/alarms/rules")).GetProperty("overTemperature").GetProperty("raiseAtC").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await Viewer.GetAsync("/api/alarms?active=maybe")).StatusCode);

        var audit = (await Tech.GetJsonAsync("/api/audit?action=alarm.rules.update")).EnumerateArray().ToArray();
        Assert.Equal([false, false, true], audit.Select(e => e.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public async Task An_active_alarm_outlives_a_controller_restart_without_being_raised_twice()
    {
        var dataDir = _temp.Sub("restart-data");
        var brokerPort = FreePort.Next();
        string[] args = [.. CalendarUsers.Args(), "--Alarms:EvaluationIntervalSeconds=0.25"];
        var first = await RunningController.StartAsync(dataDir, null, brokerPort, args);
        var secret = await first.RegisterDeviceAsync("alarm-c");
        await using var speaker = new RunningSpeaker("alarm-c", secret, brokerPort, _temp.Sub("alarm-c"), configure: o =>
        {
            o.TelemetryIntervalSeconds = 1;
            o.Board = new BoardOptions { Kind = BoardOptions.KindSimulated, Simulated = new SimulatedBoardOptions { MainsLost = true } };
        });
        async Task<JsonElement[]> Active(RunningController c) =>
            (await c.As("viewer").GetJsonAsync("/api/alarms?active=true")).EnumerateArray().ToArray();
        await Eventually.TrueAsync(async () => (await Active(first)).Length == 1, TimeSpan.FromSeconds(15), "mains alarm raised");
        var id = (await Active(first))[0].GetProperty("id").GetInt64();
        await first.DisposeAsync();

        await using var second = await RunningController.StartAsync(dataDir, null, brokerPort, args);
        await Eventually.TrueAsync(async () => (await second.OnlineDevicesAsync()).Contains("alarm-c"), TimeSpan.FromSeconds(15), "agent back");
        var evaluated = async () => (await second.As("viewer").GetJsonAsync("/api/alarms/stats")).GetProperty("telemetryEvaluated").GetInt64();
        await Eventually.TrueAsync(async () => await evaluated() >= 2, TimeSpan.FromSeconds(10), "reports after the restart evaluated");
        var alarm = Assert.Single(await Active(second));
        Assert.Equal((id, "mains-lost"), (alarm.GetProperty("id").GetInt64(), alarm.GetProperty("kind").GetString()));
        Assert.Single((await second.As("viewer").GetJsonAsync("/api/alarms")).EnumerateArray());
    }
}
