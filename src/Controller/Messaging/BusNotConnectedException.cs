namespace InfoRadio.Controller.Messaging;

/// <summary>A publish was attempted while the controller's MQTT link is down; nothing was sent.</summary>
public sealed class BusNotConnectedException(string topic, string broker, Exception? inner = null)
    : InvalidOperationException(
        $"The controller is not connected to the MQTT broker at {broker}; the message to '{topic}' was not sent.", inner)
{
    public string Topic { get; } = topic;
}
