using System.Net.WebSockets;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A live announcement over the WebSocket endpoint, heard by real agents over loopback MQTT. The live profile runs
/// with a roomy latency here: these tests check what is heard and reported, on a test machine that may be busy with
/// other suites; the default latency itself is what the <c>latency</c> benchmark measures.
/// </summary>
public sealed class Live_EndToEnd_Tests
{
    internal static readonly string[] RoomyLive =
    [
        "--Broadcast:Profiles:Live:LatencyMs=1000", "--Broadcast:Profiles:Live:SendAheadMs=300",
        // The live input settings below must fit the wide live profile too (the controller checks both at start).
        "--Broadcast:Profiles:WideLive:LatencyMs=1400", "--Broadcast:Profiles:WideLive:SendAheadMs=300",
        "--Broadcast:LiveInput:MaxInputLagMs=600", "--Broadcast:LiveInput:TargetLeadMs=300", "--Broadcast:LiveInput:CorrectAfterMs=2000",
        .. CalendarUsers.Args(),
    ];

    [Fact]
    public async Task Live_speech_is_played_by_two_agents_and_reported_finished_when_the_socket_closes()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, RoomyLive);
        await using var a = new RunningSpeaker("live-a", await controller.RegisterDeviceAsync("live-a"), controller.BrokerPort, temp.Sub("a"));
        await using var b = new RunningSpeaker("live-b", await controller.RegisterDeviceAsync("live-b"), controller.BrokerPort, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 2, TimeSpan.FromSeconds(15), "2 speakers online");

        using var client = await LiveClient.ConnectAsync(controller, "targets=all&title=Loa%20tr%E1%BB%B1c%20ti%E1%BA%BFp");
        var onAir = await client.WaitOnAirAsync();
        var id = onAir.GetProperty("id").GetString()!;
        Assert.Equal(1000, onAir.GetProperty("latencyMs").GetInt32());
        Assert.Equal("playing", (await Broadcast_EndToEnd_Tests.ViewAsync(controller, id)).GetProperty("state").GetString());

        var source = SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(3));
        await client.StreamRealTimeAsync(source);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.CloseAsync());

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Equal("live", final.GetProperty("profile").GetString());
        Assert.Equal("Loa trực tiếp", final.GetProperty("title").GetString());
        Assert.All(final.GetProperty("devices").EnumerateArray(), d => Assert.Equal("finished", d.GetProperty("status").GetString()));
        Assert.Equal(3000, final.GetProperty("durationMs").GetInt64());

        var live = controller.Services.GetRequiredService<IOptions<BroadcastOptions>>().Value.Profiles.Live;
        var reference = OpusRoundTrip.EncodeAndDecode(LiveClient.Quantised(source), live.Opus, live.FramesPerPacket);
        foreach (var speaker in new[] { a, b })
        {
            var played = TestAudio.ReadWav(speaker.WavOf(id));
            var alignment = SignalCorrelation.BestAlignment(reference, played, maxLagSamples: 48_000);
            Assert.True(alignment.Correlation >= 0.9, $"{speaker.DeviceId}: correlation {alignment.Correlation:0.000} at lag {alignment.Lag}");
        }
    }

    [Fact]
    public async Task A_dropped_socket_ends_the_session_and_what_was_sent_still_plays_to_the_end()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, RoomyLive);
        await using var speaker = new RunningSpeaker("drop-a", await controller.RegisterDeviceAsync("drop-a"), controller.BrokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 1, TimeSpan.FromSeconds(15), "speaker online");

        using var client = await LiveClient.ConnectAsync(controller, "targets=drop-a");
        var id = (await client.WaitOnAirAsync()).GetProperty("id").GetString()!;
        var source = SpeechLikeSignal.Generate(seed: 5, TimeSpan.FromSeconds(1));
        await client.StreamRealTimeAsync(source);
        client.Socket.Abort();

        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));
        Assert.True(final.GetProperty("state").GetString() == "finished", final.GetRawText());
        Assert.Contains("dropped", final.GetProperty("reason").GetString());
        var device = Assert.Single(final.GetProperty("devices").EnumerateArray().ToArray());
        Assert.Equal("finished", device.GetProperty("status").GetString());
        // Whatever reached the controller before the drop is played to the end of its last frame; what was still in
        // flight when the connection broke is lost with it. (A speaker busy at the first instant may join a frame or
        // two late, as any late joiner does; the end is what this test is about.)
        var durationMs = final.GetProperty("durationMs").GetInt64();
        Assert.InRange(durationMs, 900, 1020);
        var played = TestAudio.ReadWav(speaker.WavOf(id));
        // The speaker follows its clock model by inserting or dropping single samples: allow it 1 ms either way.
        Assert.InRange(played.Length, durationMs * 48 - 9_600, durationMs * 48 + 48);
        var alignment = SignalCorrelation.BestAlignment(source, played, maxLagSamples: 9_600);
        Assert.True(alignment.Correlation >= 0.9, $"correlation {alignment.Correlation:0.000} at lag {alignment.Lag}");
    }

    [Fact]
    public async Task Stopping_the_controller_closes_a_live_socket_at_once_with_the_reason()
    {
        using var temp = new TempDirectory();
        var controller = await RunningController.StartAsync(temp.Sub("data"), null, RoomyLive);
        await controller.RegisterDeviceAsync("stop-a");
        using var client = await LiveClient.ConnectAsync(controller, "targets=stop-a");
        await client.WaitOnAirAsync();
        await client.StreamRealTimeAsync(new float[9_600]);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var closing = client.WaitServerCloseAsync(TimeSpan.FromSeconds(20));
        await controller.DisposeAsync();
        var (status, reason) = await closing;
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Contains("shutting down", reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the controller took {clock.Elapsed.TotalSeconds:0.0} s to stop");
    }
}
