using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Audit;
using InfoRadio.Controller.Broker;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Security;

public sealed class Revocation_Tests
{
    [Fact]
    public async Task Revoking_an_online_speaker_cuts_it_off_for_good_until_an_admin_reinstates_it()
    {
        using var temp = new TempDirectory();
        await using var controller = await CalendarUsers.StartAsync(temp.Sub("data"));
        var secret = await controller.RegisterDeviceAsync("spk-r");
        await using var other = new RunningSpeaker("spk-ok", await controller.RegisterDeviceAsync("spk-ok"), controller.BrokerPort, temp.Sub("ok"));
        await using (var speaker = new RunningSpeaker("spk-r", secret, controller.BrokerPort, temp.Sub("r")))
        {
            await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 2, TimeSpan.FromSeconds(15), "both online");

            var revoked = await controller.As("tech").PostOkAsync("/api/devices/spk-r/revoke", new { reason = "box stolen from the pole" });
            Assert.Equal("box stolen from the pole", revoked.GetProperty("revocation").GetProperty("reason").GetString());
            Assert.Equal("tech", revoked.GetProperty("revocation").GetProperty("by").GetString());
            Assert.True(revoked.GetProperty("revoked").GetBoolean());

            // Off at once, and its reconnect loop (every ≤ 1 s) never gets back in with the secret it holds.
            await Eventually.TrueAsync(async () => !(await controller.OnlineDevicesAsync()).Contains("spk-r"), TimeSpan.FromSeconds(5), "revoked speaker offline");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.DoesNotContain("spk-r", await controller.OnlineDevicesAsync());
            Assert.True(controller.Services.GetRequiredService<BrokerCounters>().AuthFailures > 0);
        }

        // Not a broadcast target any more: "all" reaches the other speaker alone.
        var id = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller,
            TestAudio.Wav(SpeechLikeSignal.Generate(seed: 5, TimeSpan.FromMilliseconds(500)), 48_000), "all");
        var view = await Broadcast_EndToEnd_Tests.ViewAsync(controller, id);
        Assert.Equal(["spk-ok"], view.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));

        // A technician may not reinstate; an admin may, with a new secret that works.
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.As("tech").PostAsync("/api/devices/spk-r/reinstate")).StatusCode);
        var reinstated = await controller.As("admin").PostOkAsync("/api/devices/spk-r/reinstate");
        var fresh = reinstated.GetProperty("secret").GetString()!;
        Assert.NotEqual(secret, fresh);
        Assert.Equal(HttpStatusCode.Conflict, (await controller.As("admin").PostAsync("/api/devices/spk-r/reinstate")).StatusCode);
        await using (new RunningSpeaker("spk-r", fresh, controller.BrokerPort, temp.Sub("r2")))
            await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("spk-r"), TimeSpan.FromSeconds(15), "reinstated speaker online");

        Assert.Equal(HttpStatusCode.NotFound, (await controller.As("tech").PostAsync("/api/devices/nope/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await controller.Anonymous().PostAsync("/api/devices/spk-r/revoke")).StatusCode);
        var audit = controller.Services.GetRequiredService<AuditTrail>().Query(new AuditQuery(null, null, null, "spk-r", 100));
        Assert.Contains(audit, e => e.Action == "device.revoke" && e.Actor == "tech" && e.Succeeded);
        Assert.Contains(audit, e => e.Action == "device.reinstate" && e.Actor == "admin" && e.Succeeded);
        Assert.Contains(audit, e => e.Action == "device.reinstate" && !e.Succeeded);
    }

    [Fact]
    public async Task A_revocation_survives_a_controller_restart()
    {
        using var temp = new TempDirectory();
        string secret;
        await using (var controller = await CalendarUsers.StartAsync(temp.Sub("data")))
        {
            secret = await controller.RegisterDeviceAsync("spk-r");
            await controller.As("tech").PostOkAsync("/api/devices/spk-r/revoke");
        }
        await using var restarted = await CalendarUsers.StartAsync(temp.Sub("data"));
        var view = await restarted.As("viewer").GetJsonAsync("/api/devices/spk-r");
        Assert.True(view.GetProperty("revoked").GetBoolean());
        await using var speaker = new RunningSpeaker("spk-r", secret, restarted.BrokerPort, temp.Sub("r"));
        await Eventually.TrueAsync(() => Task.FromResult(restarted.Services.GetRequiredService<BrokerCounters>().AuthFailures > 0),
            TimeSpan.FromSeconds(10), "the speaker refused");
        Assert.DoesNotContain("spk-r", await restarted.OnlineDevicesAsync());
    }
}
