using System.Text;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>
/// The ACL enforced by the real broker. A refused publish is shown not to be delivered by publishing an allowed
/// "sentinel" right after it on the same connection: the broker handles one client's packets in order, so once
/// the sentinel arrived the refused message would have arrived before it.
/// </summary>
public sealed class EmbeddedBrokerAclTests : IAsyncLifetime
{
    private TestBroker _broker = null!;
    private TestClient _controller = null!;
    private TestClient _device = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Register("dev2");
        _device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        _controller = await _broker.ConnectControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await _controller.SubscribeAsync("#"));
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _controller.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public static TheoryData<string, bool> ForbiddenPublications() => new()
    {
        { TopicTree.DeviceState("dev2"), false },
        { TopicTree.DeviceState("dev2"), true },
        { TopicTree.DeviceTelemetry("dev2"), false },
        { TopicTree.DeviceEvents("dev2"), false },
        { TopicTree.ClockRequest("dev2"), false },
        { TopicTree.StreamAudio(1), false },
        { TopicTree.StreamAudio(77), true },
        { TopicTree.DeviceCommands("dev1"), false },
        { TopicTree.DeviceCommands("dev2"), false },
        { TopicTree.DeviceDesired("dev1"), true },
        { TopicTree.DeviceDesired("dev2"), true },
        { TopicTree.ClockResponse("dev1"), false },
        { TopicTree.ZoneDesired(TopicTree.AllZone), true },
        { TopicTree.ZoneDesired("xa-an-binh"), false },
        { TopicTree.DeviceTelemetry("dev1"), true },
        { "inforadio/v1/devices/dev1/other", false },
        { "some/other/topic", false },
    };

    [Theory]
    [MemberData(nameof(ForbiddenPublications))]
    public async Task A_forbidden_publish_is_not_delivered_and_is_logged_and_counted(string topic, bool retain)
    {
        var refused = await _device.PublishAsync(topic, "forged"u8.ToArray(), MqttQualityOfServiceLevel.AtLeastOnce, retain);
        await _device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), "sentinel"u8.ToArray());

        await _controller.WaitForTopicAsync(TopicTree.DeviceTelemetry("dev1"));
        Assert.DoesNotContain(_controller.Received, m => m.Topic == topic && Encoding.UTF8.GetString(m.Payload) == "forged");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        Assert.Equal(1, _broker.Counters.PublishDenied);
        Assert.Contains(_broker.Log.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 1211 && e.Message.Contains(topic));
        Assert.True(_device.Client.IsConnected, "a refused publish drops the message, not the device");
    }

    [Fact]
    public async Task A_forbidden_QoS_0_publish_is_dropped_too()
    {
        await _device.PublishAsync(TopicTree.StreamAudio(5), [1, 2, 3], MqttQualityOfServiceLevel.AtMostOnce);
        await _device.PublishAsync(TopicTree.DeviceTelemetry("dev1"), "sentinel"u8.ToArray(), MqttQualityOfServiceLevel.AtMostOnce);

        await _controller.WaitForTopicAsync(TopicTree.DeviceTelemetry("dev1"));
        Assert.False(_controller.HasReceived(TopicTree.StreamAudio(5)));
        Assert.Equal(1, _broker.Counters.PublishDenied);
    }

    [Fact]
    public async Task A_forbidden_retained_publish_is_not_retained()
    {
        await _device.PublishAsync(TopicTree.DeviceState("dev2"), "forged"u8.ToArray(), retain: true);
        await _device.PublishAsync(TopicTree.DeviceState("dev1"), "mine"u8.ToArray(), retain: true);
        await _controller.WaitForTopicAsync(TopicTree.DeviceState("dev1"));

        // A newcomer gets every retained message of a filter on subscribing, in the order of its subscriptions.
        await using var late = await _broker.ConnectControllerAsync();
        await late.SubscribeAsync(TopicTree.DeviceState("dev2"));
        await late.SubscribeAsync(TopicTree.DeviceState("dev1"));
        var mine = await late.WaitForTopicAsync(TopicTree.DeviceState("dev1"));

        Assert.True(mine.Retain);
        Assert.False(late.HasReceived(TopicTree.DeviceState("dev2")));
    }

    [Fact]
    public async Task Allowed_publications_reach_the_controller()
    {
        string[] topics =
        [
            TopicTree.DeviceState("dev1"), TopicTree.DeviceTelemetry("dev1"), TopicTree.DeviceEvents("dev1"),
            TopicTree.ClockRequest("dev1"),
        ];
        foreach (var topic in topics)
        {
            var result = await _device.PublishAsync(topic, "ok"u8.ToArray(), retain: topic == TopicTree.DeviceState("dev1"));
            Assert.True(result.IsSuccess, $"{topic}: {result.ReasonCode}");
        }
        foreach (var topic in topics) await _controller.WaitForTopicAsync(topic);
        Assert.Equal(0, _broker.Counters.PublishDenied);
    }

    [Theory]
    [InlineData("#")]
    [InlineData("+/v1/devices/dev1/desired")]
    [InlineData("+/#")]
    [InlineData("inforadio/v1/#")]
    [InlineData("inforadio/v1/devices/+/state")]
    [InlineData("inforadio/v1/devices/dev1/+")]
    [InlineData("inforadio/v1/streams/+/audio")]
    [InlineData("inforadio/v1/zones/+/desired")]
    [InlineData("inforadio/v1/devices/dev2/desired")]
    [InlineData("inforadio/v1/devices/dev2/commands")]
    [InlineData("inforadio/v1/devices/dev2/clock/resp")]
    [InlineData("inforadio/v1/devices/dev2/state")]
    [InlineData("inforadio/v1/devices/dev1/state")]
    [InlineData("inforadio/v1/devices/dev1/telemetry")]
    [InlineData("$SYS/#")]
    [InlineData("$SYS/broker/uptime")]
    [InlineData("other/topic")]
    public async Task A_forbidden_subscription_is_refused_with_NotAuthorized(string filter)
    {
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await _device.SubscribeAsync(filter));

        Assert.Equal(1, _broker.Counters.SubscribeDenied);
        Assert.Contains(_broker.Log.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 1212 && e.Message.Contains(filter));
        Assert.True(_device.Client.IsConnected);
    }

    [Fact]
    public async Task A_refused_subscription_receives_nothing()
    {
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await _device.SubscribeAsync(TopicTree.DeviceCommands("dev2")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await _device.SubscribeAsync(TopicTree.DeviceCommands("dev1")));

        await _controller.PublishAsync(TopicTree.DeviceCommands("dev2"), "theirs"u8.ToArray());
        await _controller.PublishAsync(TopicTree.DeviceCommands("dev1"), "mine"u8.ToArray());

        await _device.WaitForTopicAsync(TopicTree.DeviceCommands("dev1"));
        Assert.False(_device.HasReceived(TopicTree.DeviceCommands("dev2")));
    }

    [Fact]
    public async Task Allowed_subscriptions_are_granted_and_receive_what_the_controller_publishes()
    {
        string[] filters =
        [
            TopicTree.DeviceDesired("dev1"), TopicTree.DeviceCommands("dev1"), TopicTree.ClockResponse("dev1"),
            TopicTree.ZoneDesired(TopicTree.AllZone), TopicTree.ZoneDesired("thon-3"), TopicTree.StreamAudio(7),
        ];
        foreach (var filter in filters)
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await _device.SubscribeAsync(filter));

        foreach (var filter in filters)
            await _controller.PublishAsync(filter, "payload"u8.ToArray(), retain: filter.EndsWith("/desired"));

        foreach (var filter in filters) await _device.WaitForTopicAsync(filter);
        Assert.Equal(0, _broker.Counters.SubscribeDenied);
    }

    [Fact]
    public async Task An_MQTT_3_1_1_device_gets_a_failure_code_for_a_forbidden_subscription()
    {
        var (old, result) = await _broker.TryConnectAsync("dev2", "dev2", _broker.Registry.RotateSecret("dev2").Secret,
            version: MqttProtocolVersion.V311);
        await using var _ = old;
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);

        var code = await old.SubscribeAsync("#");

        Assert.True(code > MqttClientSubscribeResultCode.GrantedQoS2, $"got {code}");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await old.SubscribeAsync(TopicTree.DeviceDesired("dev2")));
    }
}
