using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent.Link;

/// <summary>A message for the reliable outbox: kept through link outages until the broker acknowledged it.</summary>
internal sealed record OutgoingMessage(string Topic, byte[] Payload, MqttQualityOfServiceLevel QoS, bool Retain);
