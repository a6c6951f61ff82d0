using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Playback;

/// <summary>The engine's own tick thread on the system clock (the fake-clock timer path is in PlayoutEngineOutputTests).</summary>
[Collection(RealTimeCollection.Name)]
public sealed class PlayoutEngineRunTests
{
    [Fact]
    public async Task On_the_system_clock_it_ticks_while_playing_and_rests_while_idle()
    {
        var sink = new MemorySink(TimeProvider.System);
        using var engine = new PlayoutEngine(new PlayoutSettings { ToneDuration = TimeSpan.FromMilliseconds(300) }, sink,
            new ControllerClock(TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, _ => { });
        using var cts = new CancellationTokenSource();
        var running = engine.RunAsync(cts.Token);

        await Eventually.TrueAsync(() => engine.Ticks >= 1, "the first tick");
        await Task.Delay(300);
        Assert.Equal(1, engine.Ticks); // nothing to play: it ticked once and rests

        var started = DateTimeOffset.UtcNow;
        Assert.True(engine.TryStartTestTone());
        await Eventually.TrueAsync(() => sink.Takes.Count == 1 && sink.Takes[0].Closed, "the tone played out");
        var take = sink.Takes[0];
        Assert.Equal(14_400, take.Samples.Count);
        // Paced in real time, not one burst: its last 20 ms are written only once 280 ms have passed.
        Assert.True(take.Writes[^1].At - started >= TimeSpan.FromMilliseconds(270), $"the tone ended {take.Writes[^1].At - started} after it started");
        Assert.InRange(engine.Ticks, 3, 100); // several ticks of 10 ms (fewer when the box is busy), then rest

        var afterTone = engine.Ticks;
        await Task.Delay(300);
        Assert.InRange(engine.Ticks - afterTone, 0, 1);

        cts.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
