namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>One switching of a relay, as the <see cref="SimulatedRelayDriver"/> records it.</summary>
public readonly record struct RelaySwitch(int Relay, bool On, DateTimeOffset At);
