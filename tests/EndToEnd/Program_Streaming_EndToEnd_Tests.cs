using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// A stored program is decoded and encoded while it airs: a file that breaks mid-air ends the session there, the
/// speaker gets the End packet and reports it finished, and the controller records why.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class Program_Streaming_EndToEnd_Tests
{
    [Fact]
    public async Task A_file_cut_short_while_it_airs_ends_the_session_cleanly_at_the_cut()
    {
        using var temp = new TempDirectory();
        // Encoding only half a second ahead, so the cut lands well inside what is left to read.
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), extraArgs: "--Broadcast:EncodeAheadMs=500");
        await using var speaker = new RunningSpeaker("cut-a", await controller.RegisterDeviceAsync("cut-a"), controller.BrokerPort, temp.Sub("a"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).Contains("cut-a"), TimeSpan.FromSeconds(15), "speaker online");

        const int seconds = 20;
        var source = SpeechLikeSignal.Generate(seed: 11, TimeSpan.FromSeconds(seconds));
        var path = Path.Combine(temp.Sub("media"), "program.wav");
        File.WriteAllBytes(path, TestAudio.Wav(source, 48_000));
        var audio = new FileProgramAudio(path, source.Length, "WAV PCM 16-bit 48000 Hz 1 ch", new AudioFileDecoder());
        var broadcasts = controller.Services.GetRequiredService<BroadcastService>();

        var id = broadcasts.Start("cut mid-air", audio, BroadcastTargets.Devices(["cut-a"])).Id;
        await Eventually.TrueAsync(() => Task.FromResult(broadcasts.Find(id)!.State == BroadcastState.Playing), TimeSpan.FromSeconds(10), "on air");
        // Four seconds of audio remain in the file (16-bit mono: 2 bytes a sample after the 44-byte header). On air the
        // reader is about 1.6 s in (the stream's 1 s head, then half a second ahead of real time): the cut lies ahead.
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(44 + 2 * 4 * 48_000);

        await Eventually.TrueAsync(() => Task.FromResult(broadcasts.Find(id)!.EndedAt is not null), TimeSpan.FromSeconds(30), "the broadcast ended");
        var final = broadcasts.Find(id)!;
        Assert.Contains("the program's audio failed after", final.Reason);
        Assert.True(final.Reason!.Contains("ended after 4 s of the 20 s"), final.Reason);
        // The speaker got End at the cut and played to it: it reports the session finished, long before 20 s.
        var delivery = Assert.Single(final.Devices);
        Assert.Equal(DeliveryStatus.Finished, delivery.Status);
        Assert.True(final.DurationMs is >= 4_000 and < 5_000, $"{final.DurationMs} ms aired");
        var played = TestAudio.ReadWav(speaker.WavOf(id));
        Assert.InRange(played.Length, 4 * 48_000 - 4_800, 5 * 48_000);
    }
}
