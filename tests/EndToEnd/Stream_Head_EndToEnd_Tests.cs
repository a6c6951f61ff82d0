using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The stream's retained head: a speaker that subscribes after a session's first packets have left (it came online
/// late, or the desired state reached it late, as under an emergency to hundreds of speakers) still plays from the
/// session's first sample when that sample is still to sound.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Stream_Head_EndToEnd_Tests
{
    [Fact]
    public async Task A_speaker_that_comes_online_after_the_first_second_of_packets_left_still_plays_from_the_first_sample()
    {
        using var temp = new TempDirectory();
        // A long latency: the first sample sounds 4 s after the epoch, while the first second's packets leave at once.
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), extraArgs: "--Broadcast:Profiles:Program:LatencyMs=4000");
        await using var early = new RunningSpeaker("early", await controller.RegisterDeviceAsync("early"), controller.BrokerPort, temp.Sub("early"));
        var lateSecret = await controller.RegisterDeviceAsync("late");
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 1, TimeSpan.FromSeconds(15), "the early speaker online");

        var id = await Broadcast_EndToEnd_Tests.StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(3)), 48_000), "all");
        await Eventually.TrueAsync(() => Task.FromResult(early.Status.ChosenSession == id), TimeSpan.FromSeconds(10), "the early speaker chose the session");
        // The announcement comes one start lead (500 ms) before the epoch; packets leave up to 200 ms before their
        // instant, so by 1.8 s after it the packets of the first 1.5 s have left (the head is one second).
        var announced = DateTime.UtcNow;
        while (DateTime.UtcNow - announced < TimeSpan.FromMilliseconds(1800)) await Task.Delay(50);

        await using var late = new RunningSpeaker("late", lateSecret, controller.BrokerPort, temp.Sub("late"));
        var final = await Broadcast_EndToEnd_Tests.WaitForEndAsync(controller, id, TimeSpan.FromSeconds(40));

        Assert.Equal("finished", final.GetProperty("state").GetString());
        foreach (var speaker in new[] { early, late })
        {
            var take = Assert.Single(SinkTakes.Of(speaker), t => t.Session == id);
            Assert.True(take.Position == 0, $"{speaker.DeviceId} started at stream position {take.Position}, not at the first sample");
            Assert.Equal(0, speaker.Status.MalformedMessages);
        }
    }
}
