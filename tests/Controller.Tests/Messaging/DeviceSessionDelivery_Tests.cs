using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Messaging;

/// <summary>
/// The embedded broker's short cuts around its dispatch (which checks every session per message): a message put
/// straight into one device's session, and device messages taken by the tap not dispatched to anyone else.
/// </summary>
public sealed class DeviceSessionDelivery_Tests : IAsyncLifetime
{
    private readonly DeviceMessageTap _tap = new(TimeProvider.System);
    private readonly DeviceSessionDelivery _delivery = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(tap: _tap, sessionDelivery: _delivery);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build();

    [Fact]
    public async Task A_message_put_into_a_device_session_reaches_that_device_only()
    {
        await using var dev1 = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));
        await using var dev2 = await _broker.ConnectDeviceAsync("dev2", _broker.Register("dev2"));
        await dev1.SubscribeAsync(TopicTree.ClockResponse("dev1"), MqttQualityOfServiceLevel.AtMostOnce);
        await dev2.SubscribeAsync(TopicTree.ClockResponse("dev2"), MqttQualityOfServiceLevel.AtMostOnce);
        var payload = MessageCodec.Encode(new ClockSyncResponse { Seq = 7, T0Us = 1_000_000, T1Us = 2_000_000, T2Us = 2_000_100 });

        Assert.True(_delivery.IsAttached);
        Assert.True(_delivery.TryDeliver("dev1", Message(TopicTree.ClockResponse("dev1"), payload)));

        var received = await dev1.WaitForTopicAsync(TopicTree.ClockResponse("dev1"));
        Assert.Equal(payload, received.Payload);
        // A round trip for dev2 after it: anything meant for it would be there by now.
        Assert.True(_delivery.TryDeliver("dev2", Message(TopicTree.ClockResponse("dev2"), payload)));
        await dev2.WaitForTopicAsync(TopicTree.ClockResponse("dev2"));
        Assert.Single(dev2.Received);
        Assert.Single(dev1.Received);
    }

    [Fact]
    public async Task No_session_or_no_broker_is_a_false_not_a_throw()
    {
        Assert.False(_delivery.TryDeliver("nobody", Message(TopicTree.ClockResponse("nobody"), [1])));

        await _broker.Broker.StopAsync(CancellationToken.None);

        Assert.False(_delivery.IsAttached);
        Assert.False(_delivery.TryDeliver("dev1", Message(TopicTree.ClockResponse("dev1"), [1])));
    }

    [Fact]
    public async Task With_the_tap_a_device_message_goes_to_the_tap_and_is_not_dispatched_to_subscribers()
    {
        await using var watcher = await _broker.ConnectControllerAsync();
        await watcher.SubscribeAsync(TopicTree.Filters.AllDeviceTelemetry, MqttQualityOfServiceLevel.AtMostOnce);
        await watcher.SubscribeAsync(TopicTree.StreamAudio(1), MqttQualityOfServiceLevel.AtMostOnce);
        await using var device = await _broker.ConnectDeviceAsync("dev1", _broker.Register("dev1"));

        var result = await device.PublishAsync(TopicTree.DeviceTelemetry("dev1"),
            MessageCodec.Encode(new Telemetry { AtUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, SignalDbm = -70 }), MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.True(result.IsSuccess); // acknowledged as taken
        Assert.Equal(1, _tap.Waiting);
        // The controller's own messages are still dispatched; one published after the telemetry marks a round trip.
        await watcher.PublishAsync(TopicTree.StreamAudio(1), [1, 2, 3], MqttQualityOfServiceLevel.AtMostOnce);
        await watcher.WaitForTopicAsync(TopicTree.StreamAudio(1));
        Assert.False(watcher.HasReceived(TopicTree.DeviceTelemetry("dev1")));
    }
}
