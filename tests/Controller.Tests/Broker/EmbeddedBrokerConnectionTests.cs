using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

public sealed class EmbeddedBrokerConnectionTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_registered_device_and_the_controller_connect()
    {
        var secret = _broker.Register("dev1");
        Assert.True(_broker.Broker.IsRunning);
        Assert.True(_broker.Broker.StartedTask.IsCompletedSuccessfully);

        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);
        await using var controller = await _broker.ConnectControllerAsync();

        Assert.Equal(["controller", "dev1"], (await _broker.Broker.GetConnectedClientIdsAsync()).Order());
        // Counted by the broker's client-connected event, which MQTTnet raises after it answered the client.
        await Poll.UntilAsync(() => _broker.Counters.ConnectionsAccepted == 2, "both connections counted");
        Assert.Equal(0, _broker.Counters.ConnectionsRefused);
        Assert.DoesNotContain(_broker.Log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_wrong_secret_is_refused(MqttProtocolVersion version)
    {
        var secret = _broker.Register("dev1");

        var (client, result) = await _broker.TryConnectAsync("dev1", "dev1", secret + "x", version: version);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.Client.IsConnected);
        Assert.Equal(1, _broker.Counters.AuthFailures);
        AssertLogged(MqttConnectReasonCode.BadUserNameOrPassword, "wrong secret");
    }

    [Fact]
    public async Task An_unknown_device_is_refused()
    {
        var secret = _broker.Register("dev1");

        var (client, result) = await _broker.TryConnectAsync("dev2", "dev2", secret);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Equal(1, _broker.Counters.AuthFailures);
        AssertLogged(MqttConnectReasonCode.BadUserNameOrPassword, "unknown device");
    }

    [Theory]
    [InlineData(null, null, "no username")]
    [InlineData("", "x", "no username")]
    [InlineData("Not A Device", "x", "not a valid device id")]
    [InlineData("controller", "guess", "wrong controller password")]
    public async Task Missing_or_impossible_credentials_are_refused(string? user, string? password, string reason)
    {
        var (client, result) = await _broker.TryConnectAsync(string.IsNullOrEmpty(user) ? "anonymous" : user, user, password);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Equal(1, _broker.Counters.AuthFailures);
        AssertLogged(MqttConnectReasonCode.BadUserNameOrPassword, reason);
    }

    [Theory]
    [InlineData("dev2")]
    [InlineData("dev1-second")]
    [InlineData("controller")]
    public async Task A_client_id_other_than_the_device_id_is_refused(string clientId)
    {
        var secret = _broker.Register("dev1");

        var (client, result) = await _broker.TryConnectAsync(clientId, "dev1", secret);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, result.ResultCode);
        Assert.Equal(1, _broker.Counters.ClientIdRejected);
        AssertLogged(MqttConnectReasonCode.ClientIdentifierNotValid, $"client id '{clientId}' is not the username 'dev1'");
    }

    [Fact]
    public async Task The_controller_must_use_its_own_client_id()
    {
        var (client, result) = await _broker.TryConnectAsync("dev1", ControllerCredentials.Username, _broker.Credentials.Password);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, result.ResultCode);
    }

    [Theory]
    [InlineData("inforadio/v1/devices/dev2/state")]
    [InlineData("inforadio/v1/devices/dev1/telemetry")]
    [InlineData("inforadio/v1/zones/all/desired")]
    [InlineData("inforadio/v1/devices/+/state")]
    [InlineData("$SYS/x")]
    public async Task A_Will_on_any_topic_but_the_own_state_is_refused(string willTopic)
    {
        var secret = _broker.Register("dev1");

        var (client, result) = await _broker.TryConnectAsync("dev1", "dev1", secret,
            o => o.WithWillTopic(willTopic).WithWillPayload("x").WithWillRetain());
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        Assert.Equal(1, _broker.Counters.WillDenied);
        AssertLogged(MqttConnectReasonCode.NotAuthorized, "Last Will");
    }

    [Fact]
    public async Task The_own_state_Will_is_accepted_and_announces_a_lost_link()
    {
        var secret = _broker.Register("dev1");
        await using var controller = await _broker.ConnectControllerAsync();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync(TopicTree.Filters.AllDeviceStates));
        var will = MessageCodec.Encode(new ReportedState { Online = false });

        var device = await _broker.ConnectDeviceAsync("dev1", secret, o => o
            .WithWillTopic(TopicTree.DeviceState("dev1")).WithWillPayload(will).WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        device.Kill();

        var received = await controller.WaitForTopicAsync(TopicTree.DeviceState("dev1"));
        Assert.Equal(will, received.Payload);
        Assert.False(MessageCodec.Parse<ReportedState>(received.Payload).Value!.Online);
        Assert.Equal(0, _broker.Counters.PublishDenied);
    }

    [Fact]
    public async Task A_disconnect_marks_the_device_offline_in_the_registry()
    {
        var secret = _broker.Register("dev1");
        var device = await _broker.ConnectDeviceAsync("dev1", secret);
        _broker.Registry.ApplyReportedState("dev1", new ReportedState { Online = true, Session = "s1" });

        device.Kill();

        await Poll.UntilAsync(() => !_broker.Registry.Find("dev1")!.Online, "the registry marks dev1 offline");
        Assert.Null(_broker.Registry.Find("dev1")!.Session);
        await Poll.UntilAsync(() => _broker.Counters.Disconnects == 1, "the disconnect is counted");
    }

    [Fact]
    public async Task A_takeover_by_a_new_connection_of_the_same_device_does_not_mark_it_offline()
    {
        var secret = _broker.Register("dev1");
        await using var first = await _broker.ConnectDeviceAsync("dev1", secret);
        _broker.Registry.ApplyReportedState("dev1", new ReportedState { Online = true });

        await using var second = await _broker.ConnectDeviceAsync("dev1", secret);

        await Poll.UntilAsync(() => _broker.Counters.Disconnects == 1, "the old connection is taken over");
        Assert.True(_broker.Registry.Find("dev1")!.Online);
        Assert.True(second.Client.IsConnected);
    }

    [Fact]
    public async Task Deleting_a_device_cuts_its_connection_and_refuses_it_afterwards()
    {
        var secret = _broker.Register("dev1");
        await using var device = await _broker.ConnectDeviceAsync("dev1", secret);

        _broker.Registry.Delete("dev1");

        await Poll.UntilAsync(() => !device.Client.IsConnected, "the broker drops the deleted device");
        var (again, result) = await _broker.TryConnectAsync("dev1", "dev1", secret);
        await using var _ = again;
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Fact]
    public async Task A_second_broker_on_the_same_port_fails_with_a_clear_message()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new BrokerOptions { Port = _broker.Port, ListenIPv6 = false });
        var log = new CapturingLogger<EmbeddedBroker>();
        var second = new EmbeddedBroker(options, _broker.Registry, _broker.Credentials, new TopicAccessPolicy(), new BrokerCounters(), log);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(CancellationToken.None));

        Assert.Contains($"cannot listen on port {_broker.Port}", ex.Message);
        Assert.True(second.StartedTask.IsFaulted);
        Assert.False(second.IsRunning);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task Connections_that_come_and_go_leave_no_warnings_in_the_log()
    {
        var secret = _broker.Register("dev1");
        for (var i = 0; i < 3; i++)
        {
            var device = await _broker.ConnectDeviceAsync("dev1", secret);
            if (i % 2 == 0) await device.DisposeAsync();
            else device.Kill();
        }
        await Poll.UntilAsync(() => _broker.Counters.Disconnects == 3, "three disconnects");
        Assert.DoesNotContain(_broker.Log.Entries, e => e.Level >= LogLevel.Warning);
    }

    private void AssertLogged(MqttConnectReasonCode code, string reason) =>
        Assert.Contains(_broker.Log.Entries, e =>
            e.Level == LogLevel.Warning && e.EventId.Id == 1210
            && e.Message.Contains(code.ToString()) && e.Message.Contains(reason, StringComparison.Ordinal));
}
