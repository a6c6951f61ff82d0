using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>
/// The controller's side of offline play against a real controller and broker: a scheduled WAV program appears in
/// its speaker's retained plan, the content is served to that speaker only (Basic auth, ranges) and decodes with
/// opusdec, cancelling a schedule withdraws its item, the airing's session names the slot, and a play reported from
/// the cache lands in the play log under its program.
/// </summary>
public sealed class Offline_Plan_EndToEnd_Tests
{
    [Fact]
    public async Task A_scheduled_program_is_planned_served_withdrawn_aired_with_its_slot_and_logged_when_played_from_cache()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"), null, null,
            ["--Scheduling:Runtime:LeadTime=00:00:05", "--Offline:PollInterval=00:00:00.100"]);
        var secret = await controller.RegisterDeviceAsync("off-a");
        var otherSecret = await controller.RegisterDeviceAsync("off-b");
        var plans = new ConcurrentQueue<PlayPlan>();
        var desired = new ConcurrentQueue<DesiredState>();
        using var device = await ConnectAsync(controller, "off-a", secret, plans, desired);

        var bc = controller.Broadcaster;
        var tone = new float[2 * ProtocolVersion.SampleRate];
        for (var i = 0; i < tone.Length; i++) tone[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / ProtocolVersion.SampleRate);
        var media = (await Media_Api_Tests.UploadAsync(bc, TestAudio.Wav(tone, ProtocolVersion.SampleRate), "tin.wav", "Tin")).GetProperty("id").GetString()!;
        await bc.PostOkAsync("/api/programs", new { id = "tin-sang", title = "Tin sáng", kind = "audio-file", mediaId = media });
        var start = TestCalendar.SecondsFromNow(12);
        var later = start.AddHours(2);
        foreach (var (id, when) in new[] { ("s-soon", start), ("s-later", later) })
            await bc.PostOkAsync("/api/schedules", new
            {
                id, programId = "tin-sang", targets = new { devices = new[] { "off-a" } },
                recurrence = new { kind = "once", at = when.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss") },
            });

        var soonId = $"p-tin-sang-{start.ToUnixTimeSeconds()}";
        var laterId = $"p-tin-sang-{later.ToUnixTimeSeconds()}";
        await Eventually.TrueAsync(() => Task.FromResult(plans.Any(p => p.Items.Count == 2)), TimeSpan.FromSeconds(20), "the plan with both slots");
        var plan = plans.Last(p => p.Items.Count == 2);
        Assert.Equal([soonId, laterId], plan.Items.Select(i => i.Id));
        var item = plan.Items[0];
        Assert.Equal(start.ToUnixTimeMilliseconds() * 1000, item.StartUs);
        Assert.Equal(("tin-sang", "Tin sáng", 2L * ProtocolVersion.SampleRate), (item.Program, item.Title, item.Content.Samples));
        Assert.Equal(new Uri(controller.Http.BaseAddress!, "device-api/content/").ToString(), plan.ContentUrl);

        // The content: the speaker's credentials, whole and by range; another speaker's or a wrong secret's refused.
        var url = plan.ContentUrl + item.Content.Sha256;
        using var http = new HttpClient();
        var whole = await http.SendAsync(Get(url, "off-a", secret));
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("application/ogg", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{item.Content.Sha256}\"", whole.Headers.ETag?.Tag);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(item.Content.Bytes, bytes.Length);
        Assert.Equal(item.Content.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(tone.Length, DecodedLength(temp, bytes));

        var ranged = Get(url, "off-a", secret);
        ranged.Headers.Range = new RangeHeaderValue(1000, null);
        var tail = await http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(bytes[1000..], await tail.Content.ReadAsByteArrayAsync());

        var wrong = await http.SendAsync(Get(url, "off-a", otherSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Basic", wrong.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(Get(url, "off-b", otherSecret))).StatusCode);

        // Cancelling the later schedule withdraws its item with a new revision.
        await bc.PostOkAsync("/api/schedules/s-later/cancel");
        await Eventually.TrueAsync(() => Task.FromResult(plans.Last().Items.Select(i => i.Id).SequenceEqual([soonId])), TimeSpan.FromSeconds(10), "the later item withdrawn");
        Assert.True(plans.Last().Rev > plan.Rev);

        // The airing of the slot carries the item's id.
        await Eventually.TrueAsync(() => Task.FromResult(desired.Any(d => d.Sessions.Any(s => s.Slot == soonId))), TimeSpan.FromSeconds(30), "the slot's session");
        // Once the slot has started the plan moves on: no item left.
        await Eventually.TrueAsync(() => Task.FromResult(plans.Last().Items.Count == 0), TimeSpan.FromSeconds(20), "the passed slot leaves the plan");

        // The speaker reports a play from its cache: its session is the item.
        var at = start.ToUnixTimeMilliseconds() * 1000;
        foreach (var (type, us, n) in new[] { (DeviceEventType.PlayStarted, at, 1), (DeviceEventType.PlayFinished, at + 2_000_000, 2) })
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TopicTree.DeviceEvents("off-a"))
                .WithPayload(MessageCodec.Encode(new DeviceEvent { Id = $"cache-{n}", Type = type, AtUs = us, Session = soonId, Position = type == DeviceEventType.PlayFinished ? tone.Length : 0 }))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var today = DateOnly.FromDateTime(start.UtcDateTime.AddHours(7));
        JsonElement row = default;
        await Eventually.TrueAsync(async () =>
        {
            var log = await controller.Installer.GetJsonAsync($"/api/reports/playlog?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
            row = log.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("session").GetString() == soonId);
            return row.ValueKind == JsonValueKind.Object && row.GetProperty("ending").GetString() == "finished";
        }, TimeSpan.FromSeconds(20), "the cached play in the play log");
        Assert.Equal(("scheduled", "tin-sang", "Tin sáng", true),
            (row.GetProperty("kind").GetString(), row.GetProperty("program").GetString(), row.GetProperty("title").GetString(), row.GetProperty("cached").GetBoolean()));
        Assert.InRange(row.GetProperty("minutes").GetDouble(), 0.03, 0.04);
    }

    private static HttpRequestMessage Get(string url, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    private static async Task<IMqttClient> ConnectAsync(RunningController controller, string id, string secret,
        ConcurrentQueue<PlayPlan> plans, ConcurrentQueue<DesiredState> desired)
    {
        var mqtt = new MqttClientFactory().CreateMqttClient();
        mqtt.ApplicationMessageReceivedAsync += e =>
        {
            var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
            if (e.ApplicationMessage.Topic == TopicTree.DevicePlan(id) && MessageCodec.Parse<PlayPlan>(payload) is { IsOk: true } plan) plans.Enqueue(plan.Value);
            if (e.ApplicationMessage.Topic == TopicTree.DeviceDesired(id) && MessageCodec.Parse<DesiredState>(payload) is { IsOk: true } state) desired.Enqueue(state.Value);
            return Task.CompletedTask;
        };
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", controller.BrokerPort)
            .WithClientId(id).WithCredentials(id, secret).WithCleanStart().Build());
        foreach (var topic in new[] { TopicTree.DevicePlan(id), TopicTree.DeviceDesired(id) })
        {
            var result = await mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True((int)result.Items.Single().ResultCode <= 2, $"subscribed to {topic}");
        }
        return mqtt;
    }

    private static long DecodedLength(TempDirectory temp, byte[] ogg)
    {
        var input = Path.Combine(temp.Sub("dec"), "content.ogg");
        var output = Path.Combine(temp.Sub("dec"), "content.wav");
        File.WriteAllBytes(input, ogg);
        var start = new ProcessStartInfo("opusdec") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--quiet", "--rate", "48000", "--float", input, output }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, err.Result);
        var wav = File.ReadAllBytes(output);
        var data = wav.AsSpan().IndexOf("data"u8);
        Assert.True(data > 0, "opusdec wrote a WAV");
        return (wav.Length - data - 8) / 4;
    }
}
