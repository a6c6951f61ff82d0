namespace InfoRadio.Controller.Messaging;

/// <summary>The broker answered a QoS 1 publish with a failure (for example an external broker's ACL).</summary>
public sealed class BusPublishException(string topic, string reason)
    : InvalidOperationException($"The MQTT broker refused the message to '{topic}': {reason}")
{
    public string Topic { get; } = topic;
}
