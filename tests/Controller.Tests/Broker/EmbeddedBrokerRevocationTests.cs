using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

public sealed class EmbeddedBrokerRevocationTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task An_online_device_is_cut_at_once_and_its_secret_never_works_again()
    {
        var secret = _broker.Register("dev1");
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);

        _broker.Registry.Revoke("dev1", "tech", "stolen");

        await Poll.UntilAsync(() => !device.Client.IsConnected, "the revoked device is disconnected");
        var (again, result) = await _broker.TryConnectAsync("dev1", "dev1", secret);
        await using var _ = again;
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Contains(_broker.Log.Entries, e => e.Message.Contains("the device is revoked", StringComparison.Ordinal));

        // Rotating a revoked device's secret does not let it back in either.
        var rotated = _broker.Registry.RotateSecret("dev1").Secret;
        var (third, refused) = await _broker.TryConnectAsync("dev1", "dev1", rotated);
        await using var __ = third;
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);

        var reinstated = _broker.Registry.Reinstate("dev1", "admin").Secret;
        await using var back = await _broker.ConnectDeviceAsync("dev1", reinstated);
        Assert.True(back.Client.IsConnected);
    }

    [Fact]
    public async Task A_device_publishing_more_than_the_limit_is_dropped_and_disconnected()
    {
        var secret = _broker.Register("dev1");
        await using var controller = await _broker.ConnectControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync(TopicTree.Filters.AllDeviceEvents));
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);

        try
        {
            await device.PublishAsync(TopicTree.DeviceEvents("dev1"), new byte[_broker.Options.Value.MaxDevicePublishBytes + 1]);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The broker closes the connection instead of answering: either outcome is a refusal.
        }

        await Poll.UntilAsync(() => !device.Client.IsConnected, "the device is disconnected");
        Assert.Equal(1, _broker.Counters.OversizedPublishes);
        Assert.False(controller.HasReceived(TopicTree.DeviceEvents("dev1")));
    }
}
