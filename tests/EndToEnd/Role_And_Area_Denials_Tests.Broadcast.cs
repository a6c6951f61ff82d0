using System.Net;
using InfoRadio.Controller.Audio;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>What a limited broadcaster's "all" means on real speakers, and who sees and stops the broadcasts.</summary>
public sealed partial class Role_And_Area_Denials_Tests
{
    [Fact]
    public async Task A_commune_broadcasters_all_reaches_only_that_communes_speakers()
    {
        var speakers = new List<RunningSpeaker>();
        try
        {
            foreach (var device in new[] { "tp-1", "tp-2", "hb-1", "loose" })
                speakers.Add(new RunningSpeaker(device, installation.Secrets[device], installation.Controller.BrokerPort, installation.Folder("wav-" + device)));
            await Eventually.TrueAsync(async () =>
                    (await installation.As("admin").GetJsonAsync("/api/devices")).EnumerateArray().Count(d => d.GetProperty("online").GetBoolean()) == 4,
                TimeSpan.FromSeconds(20), "four speakers online");

            using var form = Upload(TestAudio.Wav(SpeechLikeSignal.Generate(seed: 5, TimeSpan.FromSeconds(1)), 48_000), "all");
            var started = await ApiClient.Ok(await installation.As("bc-tp").SendAsync(HttpMethod.Post, "/api/broadcasts", form));
            var id = started.GetProperty("id").GetString()!;
            Assert.False(started.GetProperty("allDevices").GetBoolean());

            var final = default(System.Text.Json.JsonElement);
            await Eventually.TrueAsync(async () =>
            {
                final = await installation.As("bc-tp").GetJsonAsync($"/api/broadcasts/{id}");
                return final.GetProperty("state").GetString() is "finished" or "failed";
            }, TimeSpan.FromSeconds(30), "the broadcast ended");
            Assert.Equal("finished", final.GetProperty("state").GetString());
            Assert.Equal(["tp-1", "tp-2"], final.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
            foreach (var speaker in speakers)
            {
                var played = File.Exists(speaker.WavOf(id)) ? TestAudio.ReadWav(speaker.WavOf(id)) : [];
                if (speaker.DeviceId.StartsWith("tp-", StringComparison.Ordinal))
                    Assert.True(played.Length >= 48_000 * 9 / 10, $"{speaker.DeviceId} played {played.Length} samples");
                else
                    Assert.Empty(played);
            }

            // The other commune neither sees nor stops it; the unlimited do see it.
            Assert.DoesNotContain(id, await IdsAsync("bc-hb", "/api/broadcasts"));
            Assert.Contains(id, await IdsAsync("bc-tp", "/api/broadcasts"));
            Assert.Contains(id, await IdsAsync("viewer", "/api/broadcasts"));
            await AssertStatusAsync("bc-hb", HttpMethod.Get, $"/api/broadcasts/{id}", null, HttpStatusCode.NotFound);
            await AssertStatusAsync("bc-hb", HttpMethod.Delete, $"/api/broadcasts/{id}", null, HttpStatusCode.NotFound);
            await AssertStatusAsync("admin", HttpMethod.Get, $"/api/broadcasts/{id}", null, HttpStatusCode.OK);

            // An unlimited broadcast to all: each commune sees its own speakers in it, and may not stop it for the others.
            using var everyone = Upload(TestAudio.Wav(new float[4_800], 48_000), "all");
            var wide = (await ApiClient.Ok(await installation.As("bc").SendAsync(HttpMethod.Post, "/api/broadcasts", everyone))).GetProperty("id").GetString()!;
            var seenByHb = await installation.As("bc-hb").GetJsonAsync($"/api/broadcasts/{wide}");
            Assert.Equal(["hb-1"], seenByHb.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
            await AssertOutsideAsync("bc-hb", HttpMethod.Delete, $"/api/broadcasts/{wide}", null, $"broadcast {wide}");
        }
        finally
        {
            foreach (var speaker in speakers) await speaker.DisposeAsync();
        }
    }
}
