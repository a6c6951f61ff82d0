using InfoRadio.Controller.Tests.Support;
using MQTTnet;

namespace InfoRadio.Controller.Tests.Broker;

/// <summary>PBKDF2 checks of a connect storm run one at a time here (Broker:SecretChecksAtOnce=1) and still admit everyone.</summary>
public sealed class EmbeddedBrokerSecretCheckTests
{
    [Fact]
    public async Task A_storm_of_first_connects_checked_one_at_a_time_admits_every_device_and_refuses_the_wrong_secret()
    {
        await using var broker = await TestBroker.StartAsync(configure: o => o.SecretChecksAtOnce = 1);
        var secrets = Enumerable.Range(0, 24).Select(i => ($"dev{i}", broker.Register($"dev{i}"))).ToArray();

        var attempts = secrets.Select(s => broker.TryConnectAsync(s.Item1, s.Item1, s.Item2))
            .Append(broker.TryConnectAsync("dev0x", "dev0", secrets[0].Item2 + "x")).ToArray();
        var results = await Task.WhenAll(attempts);
        try
        {
            Assert.All(results[..^1], r => Assert.Equal(MqttClientConnectResultCode.Success, r.Result.ResultCode));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, results[^1].Result.ResultCode);
            Assert.True(broker.Registry.IsVerifiedBefore("dev5", secrets[5].Item2));
        }
        finally
        {
            foreach (var (client, _) in results) await client.DisposeAsync();
        }
    }
}
