using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using InfoRadio.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Fuzz;

/// <summary>
/// A device with valid credentials floods every topic it may write to with seeded random and mutated-valid payloads,
/// through the real broker to a running controller: each payload that strict parsing refuses is counted as malformed
/// (exactly those), none makes a handler throw, and afterwards the controller still serves that device and others.
/// </summary>
public sealed class Device_Topic_Fuzz_Tests(ITestOutputHelper output)
{
    private const int Seed = 20_261_201;
    private const int PayloadsPerTopic = 750;

    [Fact]
    public async Task Random_and_mutated_payloads_on_every_device_writable_topic_are_refused_and_counted_and_nothing_breaks()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var secret = await controller.RegisterDeviceAsync("fz-1");
        var counters = controller.Services.GetRequiredService<ControllerBus>().Counters;
        var registry = controller.Services.GetRequiredService<DeviceRegistry>();

        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", controller.BrokerPort).WithClientId("fz-1").WithCredentials("fz-1", secret)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var clockAnswers = 0;
        device.ApplicationMessageReceivedAsync += _ => { Interlocked.Increment(ref clockAnswers); return Task.CompletedTask; };
        await device.SubscribeAsync(TopicTree.ClockResponse("fz-1"), MqttQualityOfServiceLevel.AtMostOnce);

        var nowUs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        var topics = new (TopicKind Kind, string Topic, Func<byte[], bool> Valid, byte[][] Samples)[]
        {
            (TopicKind.DeviceState, TopicTree.DeviceState("fz-1"), p => MessageCodec.Parse<ReportedState>(p).IsOk,
            [
                MessageCodec.Encode(new ReportedState { Online = true, AtUs = nowUs, Firmware = "1.2.3", Volume = 70, Muted = false, DesiredRev = 4, ConfigVersion = 2, Session = "s-1" }),
            ]),
            (TopicKind.DeviceTelemetry, TopicTree.DeviceTelemetry("fz-1"), p => MessageCodec.Parse<Telemetry>(p).IsOk,
            [
                MessageCodec.Encode(new Telemetry
                {
                    AtUs = nowUs, Serial = "SN1", Firmware = "1.2.3", Network = "4g", SignalDbm = -85, Ip = "10.0.0.2", Volume = 70,
                    TemperatureC = 41.5, SupplyVolts = 12.1, MainsLost = false, Latitude = 21.03, Longitude = 105.85, UptimeS = 3600,
                }),
            ]),
            (TopicKind.DeviceEvents, TopicTree.DeviceEvents("fz-1"), p => MessageCodec.Parse<DeviceEvent>(p).IsOk,
            [
                MessageCodec.Encode(new DeviceEvent { Id = Guid.NewGuid().ToString("N"), Type = DeviceEventType.PlayStarted, AtUs = nowUs, Session = "s-1", Position = 0 }),
                MessageCodec.Encode(new DeviceEvent { Id = Guid.NewGuid().ToString("N"), Type = DeviceEventType.Underrun, AtUs = nowUs, Session = "s-1", Underruns = 3 }),
                MessageCodec.Encode(new DeviceEvent { Id = Guid.NewGuid().ToString("N"), Type = DeviceEventType.PlayInterrupted, AtUs = nowUs, Session = "s-1", Reason = "preempted" }),
            ]),
            (TopicKind.ClockRequest, TopicTree.ClockRequest("fz-1"), p => MessageCodec.Parse<ClockSyncRequest>(p).IsOk,
            [
                MessageCodec.Encode(new ClockSyncRequest { Seq = 7, T0Us = nowUs }),
            ]),
        };

        var fuzzer = new PayloadFuzzer(Seed);
        var expectedMalformed = new Dictionary<TopicKind, int>();
        var sent = 0;
        var validClockRequests = 0;
        foreach (var (kind, topic, valid, samples) in topics)
        {
            expectedMalformed[kind] = 0;
            for (var i = 0; i < PayloadsPerTopic; i++)
            {
                var payload = fuzzer.Next(samples);
                if (payload.Length == 0) continue; // an empty message deletes a retained one: not a payload to parse
                if (!valid(payload)) expectedMalformed[kind]++;
                else if (kind == TopicKind.ClockRequest) validClockRequests++;
                await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(kind == TopicKind.DeviceState).Build());
                sent++;
            }
        }
        output.WriteLine($"seed {Seed}: {sent} payloads; malformed expected {string.Join(", ", expectedMalformed.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.All(expectedMalformed.Values, n => Assert.InRange(n, PayloadsPerTopic / 4, PayloadsPerTopic)); // the mix does reach the parsers' rules
        Assert.True(validClockRequests > 0, "some mutated clock requests stay valid and must be answered");

        await Eventually.TrueAsync(() => Task.FromResult(expectedMalformed.All(kv => counters.Malformed(kv.Key) == kv.Value)), TimeSpan.FromSeconds(30),
            "every refused payload counted under its topic");
        Assert.Equal(0, counters.DispatchFailures);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref clockAnswers) == validClockRequests), TimeSpan.FromSeconds(10), "each valid clock request answered");

        // Still the device's controller: a valid state applies, the device is listed, and another speaker comes online and is served.
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TopicTree.DeviceState("fz-1"))
            .WithPayload(MessageCodec.Encode(new ReportedState { Online = true, AtUs = nowUs, Volume = 42, Firmware = "9.9.9" }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        await Eventually.TrueAsync(() => Task.FromResult(registry.Find("fz-1") is { Online: true, Volume: 42, Firmware: "9.9.9" }), TimeSpan.FromSeconds(10), "the valid state applied");
        await using var other = new RunningSpeaker("fz-ok", await controller.RegisterDeviceAsync("fz-ok"), controller.BrokerPort, temp.Sub("ok"));
        await Eventually.TrueAsync(async () => (await controller.OnlineDevicesAsync()).SetEquals(["fz-1", "fz-ok"]), TimeSpan.FromSeconds(15), "both listed online");
        Assert.Equal(0, counters.DispatchFailures);
        await device.DisconnectAsync();
    }
}
