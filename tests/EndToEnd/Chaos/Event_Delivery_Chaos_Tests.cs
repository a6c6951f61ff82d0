using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// A real controller and a real agent connected through a <see cref="TcpChaosProxy"/> that cuts, stalls, delays,
/// refuses and drops: every event the agent produced reaches the controller's observers exactly once, across
/// outages, an agent restart and a controller restart.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Event_Delivery_Chaos_Tests
{
    private static DecodedAudio Tone(int seconds)
    {
        var samples = new float[seconds * DecodedAudio.SampleRate];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / DecodedAudio.SampleRate);
        return new DecodedAudio { Samples = samples, SourceFormat = "test" };
    }

    private static async Task<JsonElement> HealthAsync(RunningController controller) =>
        JsonDocument.Parse(await controller.Http.GetStringAsync("/healthz")).RootElement;

    private static async Task<List<JsonElement>> PlayRowsAsync(RunningController controller, string session)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var log = await controller.Installer.GetJsonAsync($"/api/reports/playlog?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");
        return log.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("session").GetString() == session).ToList();
    }

    private static void AssertEachOnce(IReadOnlyList<DeviceEvent> events) =>
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public async Task A_broadcast_played_through_cuts_stalls_delays_and_refusals_reports_every_event_exactly_once()
    {
        using var temp = new TempDirectory();
        var recorder = new EventRecorder();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"),
            s => s.AddSingleton<IDeviceEventObserver>(recorder), null, "--Broadcast:FinishGraceMs=1000");
        var registry = controller.Services.GetRequiredService<DeviceRegistry>();
        var secret = registry.Register("spk-chaos", "Loa chợ").Secret;
        await using var proxy = TcpChaosProxy.Start("127.0.0.1", controller.BrokerPort);
        await using var speaker = new RunningSpeaker("spk-chaos", secret, proxy.Port, temp.Sub("spk"), configure: o => o.KeepAliveSeconds = 3);
        await Eventually.TrueAsync(() => Task.FromResult(registry.Find("spk-chaos")!.Online), TimeSpan.FromSeconds(15), "speaker online");

        var session = controller.Services.GetRequiredService<BroadcastService>()
            .Start("Bản tin giữa lúc mất sóng", Tone(8), BroadcastTargets.Devices(["spk-chaos"])).Id;
        await Eventually.TrueAsync(() => Task.FromResult(recorder.Of("spk-chaos").Any(e => e.Type == DeviceEventType.PlayStarted && e.Session == session)),
            TimeSpan.FromSeconds(15), "the play started");

        // The 4G link misbehaving while the broadcast plays (the scenario's pauses, not assertions).
        proxy.CutAll();
        proxy.Latency = TimeSpan.FromMilliseconds(150);
        await Task.Delay(800);
        proxy.Latency = TimeSpan.Zero;
        proxy.Stalled = true;
        await Task.Delay(600);
        proxy.CutAll();
        proxy.Stalled = false;
        proxy.RefuseFor(TimeSpan.FromMilliseconds(700));
        await Task.Delay(1_000);
        proxy.DropAfterBytes = 30_000;
        await Task.Delay(1_000);
        proxy.DropAfterBytes = null;
        proxy.CutAll();

        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status is { Connected: true, CurrentSession: null, QueuedEvents: 0 }
                && registry.Find("spk-chaos")!.Online
                && recorder.Of("spk-chaos").Count == speaker.Status.EventsProduced),
            TimeSpan.FromSeconds(30), "the speaker back online, done playing, with every event it produced delivered");

        var events = recorder.Of("spk-chaos");
        AssertEachOnce(events);
        Assert.Single(events, e => e.Type == DeviceEventType.PlayStarted && e.Session == session);
        Assert.Single(events, e => e.Type is DeviceEventType.PlayFinished or DeviceEventType.PlayInterrupted && e.Session == session);
        Assert.True(proxy.Cuts >= 3, $"the proxy cut {proxy.Cuts} connections");
        Assert.Single(await PlayRowsAsync(controller, session));
        var health = await HealthAsync(controller);
        Assert.Equal(events.Count, health.GetProperty("eventsReceived").GetInt64() - health.GetProperty("eventsDuplicate").GetInt64());
    }

    [Fact]
    public async Task Events_produced_while_refused_survive_an_agent_restart_arrive_once_and_a_replay_after_a_controller_restart_is_ignored()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Sub("data");
        var state = temp.Sub("spk-state");
        var journal = Path.Combine(state, "events.journal");
        var brokerPort = FreePort.Next();
        var recorder = new EventRecorder();
        var first = await RunningController.StartAsync(dataDir, s => s.AddSingleton<IDeviceEventObserver>(recorder), brokerPort,
            "--Broadcast:FinishGraceMs=1000");
        var secret = first.Services.GetRequiredService<DeviceRegistry>().Register("spk-out", "Loa thôn").Secret;
        await using var proxy = TcpChaosProxy.Start("127.0.0.1", brokerPort);
        var speaker = new RunningSpeaker("spk-out", secret, proxy.Port, temp.Sub("spk-1"), stateDirectory: state);
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status.Connected), TimeSpan.FromSeconds(15), "speaker online");

        var session = first.Services.GetRequiredService<BroadcastService>()
            .Start("Bản tin", Tone(6), BroadcastTargets.Devices(["spk-out"])).Id;
        await Eventually.TrueAsync(() => Task.FromResult(recorder.Of("spk-out").Any(e => e.Type == DeviceEventType.PlayStarted)),
            TimeSpan.FromSeconds(15), "the play started");
        var before = recorder.Of("spk-out").Select(e => e.Id).ToHashSet();

        // The link goes; the speaker's audio runs dry, and what it reports about that waits on disk.
        proxy.Refusing = true;
        proxy.CutAll();
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status is { Connected: false, QueuedEvents: > 0 }),
            TimeSpan.FromSeconds(15), "events queued while the link is refused");
        await speaker.DisposeAsync();
        File.Copy(journal, journal + ".copy");

        // A new agent process on the same state folder, still cut off; then the link returns.
        speaker = new RunningSpeaker("spk-out", secret, proxy.Port, temp.Sub("spk-2"), stateDirectory: state);
        await Eventually.TrueAsync(() => Task.FromResult(proxy.Refused >= 1), TimeSpan.FromSeconds(10), "the restarted agent was refused");
        proxy.Refusing = false;
        await Eventually.TrueAsync(() => Task.FromResult(speaker.Status is { Connected: true, QueuedEvents: 0 }),
            TimeSpan.FromSeconds(20), "the restarted agent delivered its queue");
        var offline = recorder.Of("spk-out").Where(e => !before.Contains(e.Id)).ToList();
        Assert.NotEmpty(offline);
        AssertEachOnce(recorder.Of("spk-out"));
        await speaker.DisposeAsync();
        var delivered = recorder.Of("spk-out").Select(e => e.Id).ToHashSet();

        // The controller restarts; the agent's journal is put back as it was, so it sends those events again.
        await first.DisposeAsync();
        var again = new EventRecorder();
        await using var second = await RunningController.StartAsync(dataDir, s => s.AddSingleton<IDeviceEventObserver>(again), brokerPort);
        var rowBefore = (await PlayRowsAsync(second, session)).Select(r => r.GetRawText()).ToList();
        File.Copy(journal + ".copy", journal, overwrite: true);
        await using (var replaying = new RunningSpeaker("spk-out", secret, proxy.Port, temp.Sub("spk-3"), stateDirectory: state))
        {
            await Eventually.TrueAsync(() => Task.FromResult(replaying.Status is { Connected: true, QueuedEvents: 0 }),
                TimeSpan.FromSeconds(20), "the replayed journal was delivered");
            await Eventually.TrueAsync(async () => (await HealthAsync(second)).GetProperty("eventsDuplicate").GetInt64() >= 1,
                TimeSpan.FromSeconds(10), "the controller counted the replay as duplicates");
        }
        Assert.DoesNotContain(again.Of("spk-out"), e => delivered.Contains(e.Id));
        // The finished play-log entry is neither reopened nor rewritten by the replay.
        Assert.Equal(rowBefore, (await PlayRowsAsync(second, session)).Select(r => r.GetRawText()).ToList());
        Assert.Single(rowBefore);
    }
}
