namespace InfoRadio.DeviceAgent.Link;

/// <summary>A message as it came off the wire; <see cref="Payload"/> is the agent's own copy.</summary>
internal sealed record InboundMessage(string Topic, byte[] Payload, bool Retained);
