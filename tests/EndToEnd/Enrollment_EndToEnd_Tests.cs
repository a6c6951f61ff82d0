using System.Net;
using System.Text.Json;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Scheduling;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A new box with only its serial and the enrollment token, against a real controller: pending, approved by a
/// technician with village and zones, credentials sealed to it, reconnects as the device and plays its zone's
/// broadcast; a clone with another key is flagged and gets nothing; rotation of an online device's secret.
/// </summary>
public sealed class Enrollment_EndToEnd_Tests : CalendarTestBase
{
    private const string Token = "e2e-enrollment-token-7f3a9c";
    private ApiClient Tech => Controller.As("tech");

    protected override async Task SeedAsync()
    {
        await RestartAsync([.. CalendarUsers.Args(), $"--Enrollment:TokenHashes:0={EnrollmentTokens.Hash(Token)}", "--Enrollment:RotationGraceSeconds=30"]);
        await Targets.ImportAreasAsync(Tech);
        await Tech.PostOkAsync("/api/zones", new { id = "cho", name = "Khu chợ" });
    }

    private async Task<JsonElement> WaitForEnrollmentAsync(string serial, Func<JsonElement, bool> condition, string what)
    {
        var found = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            var list = await Controller.As("viewer").GetJsonAsync("/api/enrollments");
            var match = list.EnumerateArray().Where(e => e.GetProperty("serial").GetString() == serial).ToList();
            if (match.Count == 0 || !condition(match[0])) return false;
            found = match[0];
            return true;
        }, TimeSpan.FromSeconds(20), what);
        return found;
    }

    [Fact]
    public async Task A_new_box_enrolls_is_approved_plays_its_zone_and_a_clone_gets_nothing()
    {
        await using var box = new EnrollingSpeaker("IR-E2E-0001", Token, Controller.BrokerPort, Temp.Sub("box"));
        var pending = await WaitForEnrollmentAsync("ir-e2e-0001", e => e.GetProperty("state").GetString() == "pending", "the box pending");
        Assert.Equal(box.Bootstrap.Enrollment!.KeyFingerprint, pending.GetProperty("keyFingerprint").GetString());
        Assert.Equal(box.Options.Firmware, pending.GetProperty("firmware").GetString());
        Assert.False(pending.GetProperty("conflict").GetBoolean());
        await Eventually.TrueAsync(() => Task.FromResult(box.Bootstrap.Enrollment.LastStatus == EnrollmentStatus.Pending), TimeSpan.FromSeconds(10),
            "the box told it is pending");
        Assert.Null(box.Agent);

        // A viewer may look but not approve; a wrong zone is refused and nothing is registered.
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("viewer").PostAsync("/api/enrollments/ir-e2e-0001/approve", new { village = "0898001" })).StatusCode);
        await AssertProblem(await Tech.PostAsync("/api/enrollments/ir-e2e-0001/approve", new { zones = new[] { "ghost" } }), HttpStatusCode.BadRequest, "ghost");
        Assert.Empty((await Tech.GetJsonAsync("/api/devices")).EnumerateArray());

        var approved = await Tech.PostOkAsync("/api/enrollments/ir-e2e-0001/approve", new { village = "0898001", zones = new[] { "cho" } });
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal("ir-e2e-0001", approved.GetProperty("deviceId").GetString());
        await AssertProblem(await Tech.PostAsync("/api/enrollments/ir-e2e-0001/approve", new { }), HttpStatusCode.Conflict, "already approved");

        await Eventually.TrueAsync(() => Task.FromResult(box.IsConnectedAsDevice), TimeSpan.FromSeconds(20), "the box connected as its device");
        await Eventually.TrueAsync(async () => (await Controller.OnlineDevicesAsync()).Contains("ir-e2e-0001"), TimeSpan.FromSeconds(10), "device online");
        var device = await Tech.GetJsonAsync("/api/devices/ir-e2e-0001");
        Assert.Equal("0898001", device.GetProperty("villageCode").GetString());
        Assert.Equal(["cho"], device.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        var credentials = Path.Combine(box.StateDirectory, "credentials.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(box.StateDirectory, "enrollment-key.p8")));
        }
        Assert.Contains("\"deviceId\":\"ir-e2e-0001\"", File.ReadAllText(credentials));
        var audit = await Tech.GetJsonAsync("/api/audit?action=device.approve");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("succeeded").GetBoolean() && a.GetProperty("target").GetString() == "ir-e2e-0001");

        // A broadcast to zone "cho" reaches the enrolled box.
        var resolution = Controller.Services.GetRequiredService<TargetResolver>().Resolve(TargetSet.Of(zones: ["cho"]));
        Assert.Equal(["ir-e2e-0001"], resolution.DeviceIds);
        var tone = Enumerable.Range(0, 48_000 * 2).Select(i => 0.4f * (float)Math.Sin(2 * Math.PI * 440 * i / 48_000)).ToArray();
        var broadcasts = Controller.Services.GetRequiredService<BroadcastService>();
        var id = broadcasts.Start("Zone cho", new Controller.Audio.DecodedAudio { Samples = tone, SourceFormat = "test tone" }, BroadcastTargets.Devices(resolution.DeviceIds)).Id;
        await Eventually.TrueAsync(() => Task.FromResult(broadcasts.Find(id)!.Devices.SingleOrDefault()?.Status == DeliveryStatus.Finished),
            TimeSpan.FromSeconds(20), "the box played the zone's broadcast");
        var played = TestAudio.ReadWav(box.WavOf(id));
        Assert.InRange(played.Length, 48_000 * 2 - 4_800, 48_000 * 2 + 4_800);
        Assert.True(played.Skip(24_000).Take(48_000).Max() > 0.2f, "the tone is audible");

        // A clone claims the same serial with another key: flagged, never answered, never admitted as the device.
        await using var clone = new EnrollingSpeaker("IR-E2E-0001", Token, Controller.BrokerPort, Temp.Sub("clone"));
        var flagged = await WaitForEnrollmentAsync("ir-e2e-0001", e => e.GetProperty("conflict").GetBoolean(), "the conflict flagged");
        Assert.Equal(clone.Bootstrap.Enrollment!.KeyFingerprint, flagged.GetProperty("conflictKeyFingerprint").GetString());
        Assert.Equal(box.Bootstrap.Enrollment.KeyFingerprint, flagged.GetProperty("keyFingerprint").GetString());
        Assert.Equal("approved", flagged.GetProperty("state").GetString());
        await Task.Delay(2_500); // two more requests of the clone (every second) go unanswered
        Assert.Null(clone.Bootstrap.Enrollment.LastStatus);
        Assert.Null(clone.Agent);
        Assert.False(File.Exists(Path.Combine(clone.StateDirectory, "credentials.json")));
        Assert.True(box.IsConnectedAsDevice, "the genuine box stays connected");
        Assert.True(Controller.Services.GetRequiredService<EnrollmentService>().Conflicts >= 2);
    }

    [Fact]
    public async Task An_online_device_gets_its_rotated_secret_over_its_command_topic_and_the_old_one_stops_working()
    {
        await using var box = new EnrollingSpeaker("IR-E2E-0002", Token, Controller.BrokerPort, Temp.Sub("box"));
        await WaitForEnrollmentAsync("ir-e2e-0002", e => e.GetProperty("state").GetString() == "pending", "pending");
        // No body: the default id (the serial) and no placement.
        var approved = await ApiClient.Ok(await Tech.SendAsync(HttpMethod.Post, "/api/enrollments/ir-e2e-0002/approve", null));
        Assert.Equal("ir-e2e-0002", approved.GetProperty("deviceId").GetString());
        await Eventually.TrueAsync(() => Task.FromResult(box.IsConnectedAsDevice), TimeSpan.FromSeconds(20), "connected as the device");
        var oldSecret = JsonDocument.Parse(File.ReadAllText(Path.Combine(box.StateDirectory, "credentials.json"))).RootElement.GetProperty("secret").GetString()!;
        var connectsBefore = box.Agent!.Status.Connects;

        var rotated = await Tech.PostOkAsync("/api/devices/ir-e2e-0002/rotate-secret");
        Assert.True(rotated.GetProperty("delivered").GetBoolean());
        Assert.False(rotated.TryGetProperty("secret", out var shown) && shown.ValueKind == JsonValueKind.String, "an online device's secret is not shown");

        await Eventually.TrueAsync(() => Task.FromResult(box.Agent.Status.Connects > connectsBefore && box.IsConnectedAsDevice), TimeSpan.FromSeconds(20),
            "the box reconnected with its new secret");
        var newSecret = JsonDocument.Parse(File.ReadAllText(Path.Combine(box.StateDirectory, "credentials.json"))).RootElement.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var registry = Controller.Services.GetRequiredService<Controller.Devices.DeviceRegistry>();
        Assert.True(registry.VerifySecret("ir-e2e-0002", newSecret));
        // It connected with the new one, so the old one no longer works even though the grace period (30 s) is not over.
        Assert.False(registry.VerifySecret("ir-e2e-0002", oldSecret));
        Assert.Contains((await Tech.GetJsonAsync("/api/audit?action=device.rotate-secret")).EnumerateArray(), a => a.GetProperty("target").GetString() == "ir-e2e-0002");

        // Offline: rotated at once and shown once.
        await box.DisposeAsync();
        await Eventually.TrueAsync(async () => !(await Controller.OnlineDevicesAsync()).Contains("ir-e2e-0002"), TimeSpan.FromSeconds(10), "offline");
        var offline = await Tech.PostOkAsync("/api/devices/ir-e2e-0002/rotate-secret");
        Assert.False(offline.GetProperty("delivered").GetBoolean());
        var shownOnce = offline.GetProperty("secret").GetString()!;
        Assert.True(registry.VerifySecret("ir-e2e-0002", shownOnce));
        Assert.False(registry.VerifySecret("ir-e2e-0002", newSecret));
        await AssertProblem(await Tech.PostAsync("/api/devices/nobody/rotate-secret"), HttpStatusCode.NotFound, "nobody");
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("viewer").PostAsync("/api/devices/ir-e2e-0002/rotate-secret")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_counted_and_the_box_never_appears()
    {
        await using var box = new EnrollingSpeaker("IR-E2E-0003", "not-the-token", Controller.BrokerPort, Temp.Sub("box"));
        var counters = Controller.Services.GetRequiredService<BrokerCounters>();
        await Eventually.TrueAsync(() => Task.FromResult(counters.EnrollmentRefused >= 2), TimeSpan.FromSeconds(15), "refusals counted");
        Assert.Empty((await Tech.GetJsonAsync("/api/enrollments")).EnumerateArray());
    }

    [Fact]
    public async Task A_pre_registered_serial_enrolls_with_its_planned_placement_and_the_list_exports()
    {
        const string csv = "serial,name,village,latitude,longitude,zones\r\n"
            + "IR-E2E-0004,\"Loa chợ, cổng Đông\",0898001,21.0285,105.8542,cho\r\n"
            + "IR-E2E-0005,Bad village,0898999,,,\r\n"
            + "IR-E2E-0006,Bad lat,0898002,95,105,\r\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await Controller.As("viewer").PostRawAsync("/api/devices/import", csv, "text/csv")).StatusCode);
        var imported = await ApiClient.Ok(await Tech.PostRawAsync("/api/devices/import", csv, "text/csv"));
        Assert.Equal(1, imported.GetProperty("created").GetInt32());
        Assert.Equal([3, 4], imported.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var planned = await WaitForEnrollmentAsync("ir-e2e-0004", e => e.GetProperty("state").GetString() == "preregistered", "pre-registered");
        Assert.Equal("Loa chợ, cổng Đông", planned.GetProperty("name").GetString());

        await using var box = new EnrollingSpeaker("IR-E2E-0004", Token, Controller.BrokerPort, Temp.Sub("box"));
        var pending = await WaitForEnrollmentAsync("ir-e2e-0004", e => e.GetProperty("state").GetString() == "pending", "pending");
        Assert.True(pending.GetProperty("preRegistered").GetBoolean());
        await ApiClient.Ok(await Tech.SendAsync(HttpMethod.Post, "/api/enrollments/ir-e2e-0004/approve", null));
        await Eventually.TrueAsync(() => Task.FromResult(box.IsConnectedAsDevice), TimeSpan.FromSeconds(20), "connected as the device");
        var device = await Tech.GetJsonAsync("/api/devices/ir-e2e-0004");
        Assert.Equal("Loa chợ, cổng Đông", device.GetProperty("name").GetString());
        Assert.Equal("0898001", device.GetProperty("villageCode").GetString());
        Assert.Equal(21.0285, device.GetProperty("position").GetProperty("latitude").GetDouble(), 6);

        var export = await Tech.GetAsync("/api/devices/export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var text = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("serial,name,village,latitude,longitude,zones,id,online,firmware,lastSeen\r\n", text);
        Assert.Contains("ir-e2e-0004,\"Loa chợ, cổng Đông\",0898001,21.0285,105.8542,cho,ir-e2e-0004,true,", text);
        Assert.Contains((await Tech.GetJsonAsync("/api/audit?action=device.import")).EnumerateArray(), a => a.GetProperty("succeeded").GetBoolean());
    }
}
