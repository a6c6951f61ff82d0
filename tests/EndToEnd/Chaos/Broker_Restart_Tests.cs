using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// The controller and real agents on an external mosquitto that is killed and started again on the same port, once in
/// the middle of a broadcast and once between broadcasts. mosquitto here keeps nothing (no persistence): every retained
/// desired and reported state is gone, so recovery rests on both sides reconnecting and republishing what they hold.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Broker_Restart_Tests
{
    private static readonly string[] Both = ["brk-a", "brk-b"];

    [Fact]
    public async Task After_mosquitto_restarts_mid_broadcast_and_between_broadcasts_controller_and_speakers_reconnect_and_a_new_broadcast_plays()
    {
        using var temp = new TempDirectory();
        await using var mosquitto = new RestartableMosquitto(temp.Sub("mosquitto"));
        await mosquitto.StartAsync();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), mosquitto.Port, "--Broker:Embedded=false", "--Broker:Host=127.0.0.1");
        await using var a = new RunningSpeaker("brk-a", await controller.RegisterDeviceAsync("brk-a"), mosquitto.Port, temp.Sub("a"));
        await using var b = new RunningSpeaker("brk-b", await controller.RegisterDeviceAsync("brk-b"), mosquitto.Port, temp.Sub("b"));
        // A third speaker loses power while the broker is down and never comes back.
        var c = new RunningSpeaker("brk-c", await controller.RegisterDeviceAsync("brk-c"), mosquitto.Port, temp.Sub("c"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals([.. Both, "brk-c"]), TimeSpan.FromSeconds(15), "all three online");

        // Mid-broadcast: the broker dies under a stream.
        var cut = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 21, TimeSpan.FromSeconds(8)), 48_000), "all");
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.CurrentSession == cut && b.Status.CurrentSession == cut), TimeSpan.FromSeconds(15), "both play");
        await RestartAsync(mosquitto, controller, a, b, whileDown: () => c.DisposeAsync().AsTask());
        // Only the speakers that came back are online: what the registry knew before the broker went is not kept.
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(Both), TimeSpan.FromSeconds(15), "a and b online, c not, after the first restart");
        var interrupted = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, cut, TimeSpan.FromSeconds(30));
        Assert.NotNull(interrupted.GetProperty("endedAt").GetString());
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.ChosenSession is null && b.Status.ChosenSession is null), TimeSpan.FromSeconds(10),
            "the ended broadcast is withdrawn from both");

        // Between broadcasts: nothing on air, then the next broadcast must reach both.
        await RestartAsync(mosquitto, controller, a, b);
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(Both), TimeSpan.FromSeconds(15), "both online after the second restart");
        var next = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 22, TimeSpan.FromSeconds(2)), 48_000), "all");
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, next, TimeSpan.FromSeconds(20));
        Assert.True(final.GetProperty("state").GetString() == "finished", final.ToString());
        var statuses = final.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("finished", statuses["brk-a"]);
        Assert.Equal("finished", statuses["brk-b"]);
        Assert.NotEqual("finished", statuses["brk-c"]);
    }

    private static async Task RestartAsync(RestartableMosquitto mosquitto, RunningController controller, RunningSpeaker a, RunningSpeaker b,
        Func<Task>? whileDown = null)
    {
        await mosquitto.KillAsync();
        await Eventually.TrueAsync(() => Task.FromResult(!a.Status.Connected && !b.Status.Connected), TimeSpan.FromSeconds(10), "the speakers see the broker gone");
        if (whileDown is not null) await whileDown();
        await mosquitto.StartAsync();
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.Connected && b.Status.Connected), TimeSpan.FromSeconds(15), "the speakers reconnect");
        await Eventually.TrueAsync(async () => (await controller.Http.GetAsync("/healthz")).IsSuccessStatusCode, TimeSpan.FromSeconds(15),
            "the controller reconnects to the broker");
    }
}
