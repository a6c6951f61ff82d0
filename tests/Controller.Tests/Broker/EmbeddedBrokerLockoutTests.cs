using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>Failed CONNECTs lock out a client (real broker, loopback; lockout time on a fake clock).</summary>
public sealed class EmbeddedBrokerLockoutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync(_time, o =>
    {
        o.AuthLimit.PerClient.MaxFailures = 3;
        o.AuthLimit.PerClient.LockoutSeconds = 30;
        o.AuthLimit.PerAddress.MaxFailures = 8;
        o.AuthLimit.PerAddress.LockoutSeconds = 60;
    });

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task After_repeated_wrong_secrets_even_the_right_one_is_refused_until_the_lockout_ends(MqttProtocolVersion version)
    {
        var secret = _broker.Register("dev1");
        for (var i = 0; i < 3; i++) Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryAsync("dev1", "guess" + i, version));

        var refused = await TryAsync("dev1", secret, version);
        Assert.NotEqual(MqttClientConnectResultCode.Success, refused);
        if (version == MqttProtocolVersion.V500) Assert.Equal(MqttClientConnectResultCode.ConnectionRateExceeded, refused);
        Assert.Equal(1, _broker.Counters.ConnectsThrottled);
        Assert.Equal(3, _broker.Counters.AuthFailures); // the refused attempt was not even checked
        Assert.Equal(1, _broker.Counters.Lockouts);
        Assert.Single(_broker.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("locked out for 30 s", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryAsync("dev1", secret, version));
    }

    [Fact]
    public async Task A_locked_out_client_id_does_not_stop_other_devices_or_the_controller()
    {
        var secret2 = _broker.Register("dev2");
        _broker.Register("dev1");
        for (var i = 0; i < 4; i++) await TryAsync("dev1", "guess");

        Assert.Equal(MqttClientConnectResultCode.Success, await TryAsync("dev2", secret2));
        await using var controller = await _broker.ConnectControllerAsync();
    }

    [Fact]
    public async Task Rotating_ids_locks_the_address_yet_the_controller_still_gets_in()
    {
        var secret = _broker.Register("dev1");
        for (var i = 0; i < 8; i++) await TryAsync($"stranger{i}", "guess");
        Assert.Equal(1, _broker.Counters.Lockouts);

        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryAsync("dev1", secret));
        await using var controller = await _broker.ConnectControllerAsync();

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryAsync("dev1", secret));
    }

    private async Task<MqttClientConnectResultCode> TryAsync(string id, string secret, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var (client, result) = await _broker.TryConnectAsync(id, id, secret, version: version);
        await client.DisposeAsync();
        return result.ResultCode;
    }
}
