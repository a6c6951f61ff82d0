using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Controller and three speaker agents over loopback TCP: one upload, played by all, verified by ear (correlation).</summary>
public sealed class Broadcast_EndToEnd_Tests
{
    [Fact]
    public async Task Wav_broadcast_to_all_is_played_by_three_agents_and_reported_finished()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var speakers = new List<RunningSpeaker>();
        try
        {
            foreach (var name in new[] { "spk-a", "spk-b", "spk-c" })
                speakers.Add(new RunningSpeaker(name, await controller.RegisterDeviceAsync(name), controller.BrokerPort, temp.Sub(name)));
            await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 3, TimeSpan.FromSeconds(15), "3 speakers online");

            var source = SpeechLikeSignal.Generate(seed: 7, TimeSpan.FromSeconds(3));
            var id = await StartBroadcastAsync(controller, TestAudio.Wav(source, 48_000), "all");

            var final = await WaitForEndAsync(controller, id, TimeSpan.FromSeconds(30));
            Assert.Equal("finished", final.GetProperty("state").GetString());
            var devices = final.GetProperty("devices").EnumerateArray().ToArray();
            Assert.Equal(3, devices.Length);
            Assert.All(devices, d => Assert.Equal("finished", d.GetProperty("status").GetString()));

            var reference = TestAudio.AfterOpusRoundTrip(source);
            foreach (var speaker in speakers)
            {
                var played = TestAudio.ReadWav(speaker.WavOf(id));
                var (correlation, lagMin, lagMax) = TestAudio.AlignPerSecond(reference, played);
                Assert.True(correlation >= 0.9, $"{speaker.DeviceId}: correlation {correlation:0.000} (lags {lagMin} … {lagMax})");
                // The file follows the speaker's clock estimate; within one file it moves by far less than 2 ms.
                Assert.True(lagMax - lagMin <= 96, $"{speaker.DeviceId}: lags {lagMin} … {lagMax} samples");
            }
        }
        finally
        {
            foreach (var speaker in speakers) await speaker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Broadcast_to_a_listed_speaker_reaches_only_that_speaker()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        await using var chosen = new RunningSpeaker("chosen", await controller.RegisterDeviceAsync("chosen"), controller.BrokerPort, temp.Sub("chosen"));
        await using var other = new RunningSpeaker("other", await controller.RegisterDeviceAsync("other"), controller.BrokerPort, temp.Sub("other"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Count == 2, TimeSpan.FromSeconds(15), "2 speakers online");

        var id = await StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 3, TimeSpan.FromSeconds(1)), 48_000), "chosen");
        var final = await WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));

        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.Equal(["chosen"], final.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.True(File.Exists(chosen.WavOf(id)));
        Assert.False(File.Exists(other.WavOf(id)), "a speaker that was not targeted played the broadcast");
    }

    [Fact]
    public async Task Offline_target_is_reported_failed_with_the_reason()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), extraArgs: "--Broadcast:FinishGraceMs=500");
        await controller.RegisterDeviceAsync("never-connected");

        var id = await StartBroadcastAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 1, TimeSpan.FromMilliseconds(500)), 48_000), "never-connected");
        var final = await WaitForEndAsync(controller, id, TimeSpan.FromSeconds(20));

        Assert.Equal("failed", final.GetProperty("state").GetString());
        var device = Assert.Single(final.GetProperty("devices").EnumerateArray().ToArray());
        Assert.Equal("failed", device.GetProperty("status").GetString());
        Assert.Contains("offline", device.GetProperty("reason").GetString());
    }

    internal static async Task<string> StartBroadcastAsync(RunningController controller, byte[] file, string targets)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(content, "file", "bulletin.wav");
        form.Add(new StringContent(targets), "targets");
        var response = await controller.Broadcaster.SendAsync(HttpMethod.Post, "/api/broadcasts", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    internal static Task<JsonElement> ViewAsync(RunningController controller, string id) =>
        controller.Broadcaster.GetJsonAsync($"/api/broadcasts/{id}");

    internal static async Task<JsonElement> WaitForEndAsync(RunningController controller, string id, TimeSpan timeout)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(async () =>
        {
            last = await controller.Broadcaster.GetJsonAsync($"/api/broadcasts/{id}");
            return last.GetProperty("state").GetString() is "finished" or "failed";
        }, timeout, $"broadcast {id} ended");
        return last;
    }
}
