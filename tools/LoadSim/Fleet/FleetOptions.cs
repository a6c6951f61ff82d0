namespace InfoRadio.LoadSim.Fleet;

/// <summary>How the simulated fleet connects and what each agent does besides receiving audio.</summary>
public sealed record FleetOptions
{
    public string BrokerHost { get; init; } = "127.0.0.1";
    public int BrokerPort { get; init; } = 1883;

    /// <summary>New connections per second while the fleet comes up (a broker's backlog is finite).</summary>
    public int ConnectsPerSecond { get; init; } = 250;

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Decode every Opus frame (managed or native libopus), as a real speaker does; off, only delivery is measured.</summary>
    public bool Decode { get; init; }

    public bool NativeOpus { get; init; } = true;

    /// <summary>Publish play-started / play-finished events so the controller's reach report fills in.</summary>
    public bool SendPlayEvents { get; init; } = true;

    /// <summary>
    /// Clock requests after the connect burst: a real agent asks every 2 s while it plays (DeviceAgent
    /// <c>Agent:ClockSyncFastIntervalMs</c>), which also keeps the delays measured here free of a storm's round trips.
    /// </summary>
    public TimeSpan ClockSyncInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Zero: no telemetry.</summary>
    public TimeSpan TelemetryInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Reconnect after a lost connection, after a random wait of up to this long (a storm is spread out).</summary>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromSeconds(5);
}
