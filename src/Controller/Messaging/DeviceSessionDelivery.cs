using MQTTnet;

namespace InfoRadio.Controller.Messaging;

/// <summary>
/// Puts a message for one device straight into that device's session in the embedded broker. A publish goes through
/// the broker's dispatch, which (MQTTnet 5.2) checks the subscriptions of every session for each message, so an
/// answer meant for one speaker cost as much as an audio packet for all of them: with 2,000 speakers asking the time
/// every 2 s while they play, the clock answers alone took most of a core of a 2-core box. Attached by the embedded
/// broker while it runs; with an external broker nothing is attached and the bus publishes as before.
/// </summary>
public sealed class DeviceSessionDelivery
{
    private volatile Func<string, MqttApplicationMessage, bool>? _deliver;

    /// <summary>True while a broker is attached.</summary>
    public bool IsAttached => _deliver is not null;

    /// <summary>The embedded broker's way into its sessions (client id = device id), while it runs.</summary>
    public void Attach(Func<string, MqttApplicationMessage, bool> deliver) => _deliver = deliver ?? throw new ArgumentNullException(nameof(deliver));

    public void Detach() => _deliver = null;

    /// <summary>
    /// Queues <paramref name="message"/> in the session of <paramref name="deviceId"/> (it is sent as any message of
    /// that session, after those queued before); false when no broker is attached or the device has no session.
    /// The caller makes sure the device may read the topic: nothing here checks subscriptions or ACLs.
    /// </summary>
    public bool TryDeliver(string deviceId, MqttApplicationMessage message) => _deliver is { } deliver && deliver(deviceId, message);
}
