using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Settings pushed through the REST API reach real agents over MQTT, at once or when they come back.</summary>
public sealed class Device_Config_EndToEnd_Tests
{
    [Fact]
    public async Task A_config_put_over_REST_is_applied_by_the_agent_which_reports_its_version()
    {
        using var temp = new TempDirectory();
        await using var controller = await CalendarUsers.StartAsync(temp.Sub("data"));
        var tech = controller.As("tech");
        await using var speaker = new RunningSpeaker("cfg-1", await controller.RegisterDeviceAsync("cfg-1"), controller.BrokerPort, temp.Sub("cfg-1"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("cfg-1"), TimeSpan.FromSeconds(15), "online");

        var initial = await tech.GetJsonAsync("/api/devices/cfg-1/config");
        Assert.Equal(0, initial.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("appliedVersion").ValueKind);
        Assert.Equal(80, initial.GetProperty("config").GetProperty("volume").GetInt32());

        var put = await ApiClient.Ok(await tech.PutAsync("/api/devices/cfg-1/config",
            new { volume = 35, latencyProfile = "robust", relays = new { amplifierOffDelayMs = 1500 } }));
        Assert.Equal(1, put.GetProperty("version").GetInt64());
        Assert.Equal(35, put.GetProperty("config").GetProperty("volume").GetInt32());
        Assert.Equal("robust", put.GetProperty("config").GetProperty("latencyProfile").GetString());
        Assert.Equal(1500, put.GetProperty("config").GetProperty("relays").GetProperty("amplifierOffDelayMs").GetInt32());
        Assert.Equal(500, put.GetProperty("config").GetProperty("relays").GetProperty("powerOnDelayMs").GetInt32());

        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status.ConfigVersion == 1), TimeSpan.FromSeconds(10), "the agent applied version 1");
        Assert.Equal(35, speaker.Status.Volume);
        await Eventually.TrueAsync(async () =>
                (await tech.GetJsonAsync("/api/devices/cfg-1/config")).GetProperty("appliedVersion") is { ValueKind: JsonValueKind.Number } v
                && v.GetInt64() == 1,
            TimeSpan.FromSeconds(10), "the controller shows version 1 applied");
        await Eventually.TrueAsync(async () => (await tech.GetJsonAsync("/api/devices/cfg-1")).GetProperty("volume").GetInt32() == 35,
            TimeSpan.FromSeconds(10), "the device reports its new volume");

        // A partial change keeps the rest; each change is the next version.
        var second = await ApiClient.Ok(await tech.PutAsync("/api/devices/cfg-1/config", new { telemetryIntervalS = 30 }));
        Assert.Equal(2, second.GetProperty("version").GetInt64());
        Assert.Equal(35, second.GetProperty("config").GetProperty("volume").GetInt32());
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status.ConfigVersion == 2), TimeSpan.FromSeconds(10), "the agent applied version 2");
        Assert.Equal(30, speaker.Status.Config!.TelemetryIntervalS);

        var audit = await tech.GetJsonAsync("/api/audit?action=device.config");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetProperty("succeeded").GetBoolean() && e.GetProperty("target").GetString() == "cfg-1"));
    }

    [Fact]
    public async Task Bad_or_unauthorised_changes_are_refused_audited_and_change_nothing()
    {
        using var temp = new TempDirectory();
        await using var controller = await CalendarUsers.StartAsync(temp.Sub("data"));
        await controller.RegisterDeviceAsync("cfg-2");
        var tech = controller.As("tech");

        Assert.Equal(HttpStatusCode.Forbidden, (await controller.As("viewer").PutAsync("/api/devices/cfg-2/config", new { volume = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.As("bc").PutAsync("/api/zones/all/config", new { volume = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await controller.Anonymous().GetAsync("/api/devices/cfg-2/config")).StatusCode);
        var tooLoud = await tech.PutAsync("/api/devices/cfg-2/config", new { volume = 101 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLoud.StatusCode);
        Assert.Contains("volume must be between 0 and 100", await tooLoud.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badRelay = await tech.PutAsync("/api/devices/cfg-2/config", new { relays = new { powerOffDelayMs = 60_001 } });
        Assert.Contains("relays: powerOffDelayMs must be between 0 and 60000", await badRelay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PutAsync("/api/devices/cfg-2/config", new { latencyProfile = "fast" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PutAsync("/api/devices/cfg-2/config", new { loudness = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.PutAsync("/api/devices/nobody/config", new { volume = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.PutAsync("/api/zones/nowhere/config", new { volume = 3 })).StatusCode);

        Assert.Equal(0, (await tech.GetJsonAsync("/api/devices/cfg-2/config")).GetProperty("version").GetInt64());
        var refused = (await tech.GetJsonAsync("/api/audit?action=device.config")).EnumerateArray().Where(e => !e.GetProperty("succeeded").GetBoolean()).ToList();
        Assert.True(refused.Count >= 5, $"{refused.Count} refused changes audited");
    }

    [Fact]
    public async Task A_zone_config_gives_each_device_its_own_next_version_and_reaches_an_agent_that_was_offline()
    {
        using var temp = new TempDirectory();
        await using var controller = await CalendarUsers.StartAsync(temp.Sub("data"));
        var tech = controller.As("tech");
        var secretA = await controller.RegisterDeviceAsync("zone-a");
        var secretB = await controller.RegisterDeviceAsync("zone-b");
        await ApiClient.Ok(await tech.PostAsync("/api/zones", new { id = "market", name = "Market" }));
        foreach (var id in new[] { "zone-a", "zone-b" })
            await ApiClient.Ok(await tech.PutAsync($"/api/devices/{id}/placement", new { zones = new[] { "market" } }));
        // zone-a had a change of its own already: version 1.
        await ApiClient.Ok(await tech.PutAsync("/api/devices/zone-a/config", new { volume = 50 }));

        var stateB = temp.Sub("b-state");
        await using (var b = new RunningSpeaker("zone-b", secretB, controller.BrokerPort, temp.Sub("b"), stateDirectory: stateB))
        {
            await Eventually.TrueAsync(() => Task.FromResult(b.Status.Connected), TimeSpan.FromSeconds(15), "zone-b connected");
        }

        // Both offline now: the change waits for them, retained on each device's topic.
        var zone = await ApiClient.Ok(await tech.PutAsync("/api/zones/market/config", new { volume = 25, emergencyVolume = 90 }));
        var versions = zone.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("deviceId").GetString()!, d => d.GetProperty("version").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["zone-a"] = 2, ["zone-b"] = 1 }, versions);

        await using var a = new RunningSpeaker("zone-a", secretA, controller.BrokerPort, temp.Sub("a"));
        await using var b2 = new RunningSpeaker("zone-b", secretB, controller.BrokerPort, temp.Sub("b"), stateDirectory: stateB);
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.ConfigVersion == 2 && b2.Status.ConfigVersion == 1), TimeSpan.FromSeconds(15),
            "both agents applied the zone's change when they came back");
        Assert.Equal((25, 25), (a.Status.Volume, b2.Status.Volume));
        Assert.Equal(90, b2.Status.Config!.EmergencyVolume);
        Assert.True(File.Exists(Path.Combine(stateB, "config.json")), "the agent stored what it applied");
    }
}
