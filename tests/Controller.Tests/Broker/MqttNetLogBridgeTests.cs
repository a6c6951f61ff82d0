using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Tests.Broker;

public sealed class MqttNetLogBridgeTests
{
    private readonly CapturingLogger<EmbeddedBroker> _log = new();

    [Fact]
    public void A_takeover_of_a_connection_that_is_already_gone_is_not_a_warning()
    {
        // What MQTTnet logs when a device reconnects before the broker noticed its old link had died.
        new MqttNetLogBridge(_log).Publish(MqttNetLogLevel.Warning, "MqttConnectedClient", MqttNetLogBridge.TakeoverDisconnectTemplate,
            ["dev1", MqttDisconnectReasonCode.SessionTakenOver], new IOException("Broken pipe"));

        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void Other_warnings_and_errors_still_reach_the_log_formatted()
    {
        var bridge = new MqttNetLogBridge(_log);
        bridge.Publish(MqttNetLogLevel.Warning, "MqttConnectedClient", MqttNetLogBridge.TakeoverDisconnectTemplate,
            ["dev1", MqttDisconnectReasonCode.ServerShuttingDown], new IOException("Broken pipe"));
        bridge.Publish(MqttNetLogLevel.Error, "MqttServer", "Client '{0}': boom", ["dev2"], new InvalidOperationException());
        bridge.Publish(MqttNetLogLevel.Info, "MqttServer", "chatter", [], null!);

        Assert.Collection(_log.Entries,
            e =>
            {
                Assert.Equal(LogLevel.Warning, e.Level);
                Assert.Contains("Client 'dev1': Error while sending DISCONNECT packet (ReasonCode = ServerShuttingDown)", e.Message);
            },
            e =>
            {
                Assert.Equal(LogLevel.Error, e.Level);
                Assert.Contains("Client 'dev2': boom", e.Message);
            });
    }
}
