using InfoRadio.Bench.Processes;
using InfoRadio.Bench.Scenarios.Acl;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broker.External;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace InfoRadio.EndToEnd.Tests.Security;

/// <summary>
/// The whole product on mosquitto 2 (Debian) with the dynamic-security plugin instead of the embedded broker: the
/// controller manages the accounts and ACLs through <c>$CONTROL</c>, real speakers log in with the secrets the registry
/// issued and play a broadcast, mosquitto refuses a wrong secret and a revoked speaker, and the attack suite of
/// tools/Bench acl gets nothing through.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Mosquitto_Dynsec_EndToEnd_Tests
{
    [Fact]
    public async Task Speakers_log_in_with_their_issued_secrets_and_play_a_broadcast_and_a_revoked_speaker_is_shut_out()
    {
        using var temp = new TempDirectory();
        await using var mosquitto = await DynsecMosquitto.StartAsync(FreePort.Next());
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), mosquitto.Port, mosquitto.ControllerArgs("controller-" + Guid.NewGuid().ToString("N")));
        var dynsec = controller.Services.GetRequiredService<MosquittoDynsecManager>();
        var secretA = await controller.RegisterDeviceAsync("dyn-a");
        var secretB = await controller.RegisterDeviceAsync("dyn-b");
        await dynsec.WhenIdleAsync(TimeSpan.FromSeconds(15));

        // A stranger holding a device's name but not its secret is refused by mosquitto itself.
        using (var stranger = new MqttClientFactory().CreateMqttClient())
        {
            var refused = await stranger.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId("dyn-a")
                .WithCredentials("dyn-a", "not-the-secret").WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
            Assert.NotEqual(MqttClientConnectResultCode.Success, refused.ResultCode);
        }

        await using var a = new RunningSpeaker("dyn-a", secretA, mosquitto.Port, temp.Sub("a"));
        await using var b = new RunningSpeaker("dyn-b", secretB, mosquitto.Port, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["dyn-a", "dyn-b"]), TimeSpan.FromSeconds(15), "both online through mosquitto");

        var id = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 41, TimeSpan.FromSeconds(3)), 48_000), "all");
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(30));
        Assert.True(final.GetProperty("state").GetString() == "finished", final.ToString());
        var statuses = final.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("finished", statuses["dyn-a"]);
        Assert.Equal("finished", statuses["dyn-b"]);
        foreach (var speaker in new[] { a, b })
        {
            // The play events came back through mosquitto; the sound itself went to each speaker's sink, whole.
            var take = Assert.Single(SinkTakes.Of(speaker));
            Assert.Equal(id, take.Session);
            Assert.InRange(take.Samples, 3 * ProtocolVersion.SampleRate - 4_800, 3 * ProtocolVersion.SampleRate + 4_800);
        }

        // Revoked: mosquitto's account is disabled, the connection dropped, and the secret it holds no longer logs in.
        await controller.Installer.PostOkAsync("/api/devices/dyn-b/revoke", new { reason = "box stolen from the pole" });
        await Eventually.TrueAsync(async () => !(await controller.OnlineDevicesAsync()).Contains("dyn-b"), TimeSpan.FromSeconds(10), "revoked speaker offline");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(b.Status.Connected);
        Assert.DoesNotContain("dyn-b", await controller.OnlineDevicesAsync());
        Assert.True(a.Status.Connected);
    }

    [Fact]
    public async Task Every_attack_of_the_acl_suite_is_refused_by_mosquitto()
    {
        using var temp = new TempDirectory();
        await using var mosquitto = await DynsecMosquitto.StartAsync(FreePort.Next());
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), mosquitto.Port, mosquitto.ControllerArgs("controller-" + Guid.NewGuid().ToString("N")));
        var dynsec = controller.Services.GetRequiredService<MosquittoDynsecManager>();
        var suite = new AclAttackSuite(controller.Services, "127.0.0.1", mosquitto.Port)
        {
            Settle = TimeSpan.FromMilliseconds(300),
            // mosquitto checks a Will when it is published, not at CONNECT, and has no connect rate limit of its own.
            RefusesWillAtConnect = false,
            ThrottlesConnects = false,
            RegistryApplied = () => dynsec.WhenIdleAsync(TimeSpan.FromSeconds(30)),
        };

        var attempts = await suite.RunAsync();

        Assert.True(attempts.Count >= 25, $"only {attempts.Count} attempts");
        Assert.Empty(attempts.Where(a => a.Breach).Select(a => $"{a.Name}: {a.Detail}"));
    }
}
