using System.Globalization;
using System.Text.Json;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Chaos;

/// <summary>
/// kill -9 of the controller (a separate OS process) while one speaker plays a long upload and another a scheduled
/// program, then a start on the same data folder: the store opens with everything in it, the cut-off broadcasts are
/// recorded as ended (not left "playing"), the speakers fall silent, come back online and play what comes next.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Controller_Kill_Tests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_controller_killed_mid_broadcast_restarts_on_its_store_ends_the_cut_off_broadcasts_and_its_speakers_play_again()
    {
        using var temp = new TempDirectory();
        using var controller = new ControllerInProcessOfItsOwn(temp.Sub("data"));
        await controller.StartAsync();
        await using var a = new RunningSpeaker("kill-a", await controller.RegisterDeviceAsync("kill-a"), controller.BrokerPort, temp.Sub("a"));
        await using var b = new RunningSpeaker("kill-b", await controller.RegisterDeviceAsync("kill-b"), controller.BrokerPort, temp.Sub("b"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["kill-a", "kill-b"]), TimeSpan.FromSeconds(15), "both online");

        // A scheduled program for b (an uploaded file, once, a few seconds from now) and a long upload for a. The slot
        // must be further ahead than the scheduler's hand-over (announce lead + encode allowance, about 5 s for 30 s).
        var media = await UploadMediaAsync(controller, TestAudio.Wav(SpeechLikeSignal.Generate(seed: 3, TimeSpan.FromSeconds(30)), 48_000));
        await controller.Api.PostOkAsync("/api/programs", new { id = "chaos-program", title = "Chaos program", kind = "audio-file", mediaId = media });
        var at = DateTimeOffset.UtcNow.ToOffset(Vietnam).AddSeconds(10);
        await controller.Api.PostOkAsync("/api/schedules", new
        {
            id = "chaos-once", programId = "chaos-program", targets = new { devices = new[] { "kill-b" } },
            recurrence = new { kind = "once", at = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) },
        });
        var later = await controller.Api.PostOkAsync("/api/schedules", new
        {
            id = "chaos-tomorrow", programId = "chaos-program", targets = new { devices = new[] { "kill-a", "kill-b" } },
            recurrence = new { kind = "once", at = at.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) },
        });
        var upload = await controller.StartBroadcastAsync(TestAudio.Wav(SpeechLikeSignal.Generate(seed: 5, TimeSpan.FromSeconds(60)), 48_000), "kill-a", "long");
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.CurrentSession == upload), TimeSpan.FromSeconds(20), "a plays the upload");
        // The slot is on air once its session is in b's desired state (sounding also needs the encoder to keep up).
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(b.Status.ChosenSession is not null), TimeSpan.FromSeconds(30), "b is given the scheduled program");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; airings {await controller.Api.GetJsonAsync("/api/schedules/chaos-once/airings")}; " +
                $"broadcasts {await controller.Api.GetJsonAsync("/api/broadcasts")}", ex);
        }
        var scheduled = b.Status.ChosenSession!;

        await controller.Process.KillAsync();
        // Nothing announces the end: the audio simply stops. The speakers must not hold a dead session for ever.
        await Eventually.TrueAsync(() => Task.FromResult(!a.Status.Connected && !b.Status.Connected), TimeSpan.FromSeconds(10), "the link is seen down");
        // b may instead play its slot from its offline cache (protocol section 20.3: the link was down at its start),
        // as its plan item, never as the dead stream's session.
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.CurrentSession is null && IsSilentOrPlanItem(b.Status.CurrentSession)),
            TimeSpan.FromSeconds(10), "both stop sounding the dead streams while the controller is down");

        await controller.StartAsync(); // the lock of the killed process went with it
        Assert.Equal(["kill-a", "kill-b"], await controller.DeviceIdsAsync());
        Assert.Equal(media, (await controller.Api.GetJsonAsync($"/api/media/{media}")).GetProperty("id").GetString());
        Assert.Equal("chaos-program", (await controller.Api.GetJsonAsync("/api/programs/chaos-program")).GetProperty("id").GetString());
        var kept = await controller.Api.GetJsonAsync("/api/schedules/chaos-tomorrow");
        Assert.Equal(later.GetProperty("nextSlots").GetRawText(), kept.GetProperty("nextSlots").GetRawText());
        foreach (var cut in new[] { upload, scheduled })
        {
            var view = await controller.BroadcastAsync(cut);
            Assert.True(view.GetProperty("state").GetString() is "failed" or "finished", $"{cut}: {view}");
            Assert.Equal("the controller stopped before the broadcast ended", view.GetProperty("reason").GetString());
            Assert.NotEqual(JsonValueKind.Null, view.GetProperty("endedAt").ValueKind);
        }

        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["kill-a", "kill-b"]), TimeSpan.FromSeconds(15), "both online again");
        await Eventually.TrueAsync(() => Task.FromResult(a.Status.CurrentSession is null && b.Status.CurrentSession is null && a.Status.ChosenSession is null
            && b.Status.ChosenSession is null), TimeSpan.FromSeconds(40), "both silent: the new controller wants nothing played (b's cached slot, if any, has ended)");

        var after = await controller.StartBroadcastAsync(TestAudio.Wav(SpeechLikeSignal.Generate(seed: 7, TimeSpan.FromSeconds(2)), 48_000), "all", "after");
        var final = await controller.WaitForEndAsync(after, TimeSpan.FromSeconds(20));
        Assert.Equal("finished", final.GetProperty("state").GetString());
        Assert.All(final.GetProperty("devices").EnumerateArray(), d => Assert.Equal("finished", d.GetProperty("status").GetString()));
        Assert.True(File.Exists(a.WavOf(after)) && File.Exists(b.WavOf(after)));
    }

    private static bool IsSilentOrPlanItem(string? session) => session is null || session.StartsWith("p-chaos-program-", StringComparison.Ordinal);

    private static async Task<string> UploadMediaAsync(ControllerInProcessOfItsOwn controller, byte[] wav)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(wav), "file", "chaos.wav");
        form.Add(new StringContent("Chaos program"), "title");
        return (await ApiClient.Ok(await controller.Api.SendAsync(HttpMethod.Post, "/api/media", form))).GetProperty("id").GetString()!;
    }
}
