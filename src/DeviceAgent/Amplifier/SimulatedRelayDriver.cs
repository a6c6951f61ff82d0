namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>
/// Relays that exist only in memory: records every switching with its time. The default on a development box
/// and in tests.
/// </summary>
internal sealed class SimulatedRelayDriver(TimeProvider time) : IRelayDriver
{
    private readonly Lock _gate = new();
    private readonly List<RelaySwitch> _switches = [];
    private readonly bool[] _on = new bool[3];

    public string Name => "simulated";

    /// <summary>Every switching so far, oldest first.</summary>
    public IReadOnlyList<RelaySwitch> Switches
    {
        get { lock (_gate) return _switches.ToArray(); }
    }

    public bool IsOn(int relay)
    {
        Relays.CheckNumber(relay);
        lock (_gate) return _on[relay];
    }

    public void Set(int relay, bool on)
    {
        Relays.CheckNumber(relay);
        lock (_gate)
        {
            _on[relay] = on;
            _switches.Add(new RelaySwitch(relay, on, time.GetUtcNow()));
        }
    }

    public void Dispose()
    {
    }
}
