namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>
/// Switches the cluster's relays: 1 = the amplifier's power supply, 2 = the amplifier. Calls come one at a time
/// from the <see cref="AmplifierSequencer"/>; a failure throws <see cref="RelayDriverException"/>.
/// </summary>
internal interface IRelayDriver : IDisposable
{
    /// <summary>Short name for logs (simulated, sysfs, gpiod).</summary>
    string Name { get; }

    /// <exception cref="RelayDriverException">The relay could not be switched.</exception>
    void Set(int relay, bool on);
}
