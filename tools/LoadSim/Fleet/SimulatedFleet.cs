using System.Diagnostics;

namespace InfoRadio.LoadSim.Fleet;

/// <summary>
/// Thousands of <see cref="SimulatedAgent"/>s in one process: brought up at a bounded connect rate, kept running
/// (reconnecting after losses) until stopped, and summed up in a <see cref="FleetReport"/>.
/// </summary>
public sealed class SimulatedFleet(IReadOnlyList<AgentCredentials> credentials, FleetOptions options) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SimulatedAgent> _agents = [];
    private readonly List<Task> _runs = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public FleetCounters Counters { get; } = new();
    public IReadOnlyList<SimulatedAgent> Agents => _agents;
    public int ConnectedCount => _agents.Count(a => a.IsConnected);

    /// <summary>Agents that received audio of their chosen stream within the last <paramref name="within"/> (playing now).</summary>
    public int ReceivingCount(TimeSpan within)
    {
        var since = Environment.TickCount64 - (long)within.TotalMilliseconds;
        return _agents.Count(a => Volatile.Read(ref a.Delivery.LastAudioTick) is var tick && tick != 0 && tick >= since);
    }

    /// <summary>One line a driving process can parse: <c>STATUS connected=N receiving=N agents=N</c>.</summary>
    public string StatusLine(TimeSpan within) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"STATUS connected={ConnectedCount} receiving={ReceivingCount(within)} agents={_agents.Count}");

    /// <summary>Starts every agent, <see cref="FleetOptions.ConnectsPerSecond"/> at a time; returns once all are started.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var perTick = Math.Max(1, options.ConnectsPerSecond / 10);
        for (var i = 0; i < credentials.Count; i++)
        {
            var agent = new SimulatedAgent(credentials[i], options, Counters);
            _agents.Add(agent);
            _runs.Add(Task.Run(() => agent.RunAsync(_stop.Token), CancellationToken.None));
            if ((i + 1) % perTick == 0) await Task.Delay(100, ct);
        }
    }

    /// <summary>Waits until every agent is connected; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAllConnectedAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            if (ConnectedCount == _agents.Count && Interlocked.Read(ref Counters.Connects) >= _agents.Count) return true;
            await Task.Delay(100, ct);
        }
        return false;
    }

    /// <summary>Starts the delivery figures over, fleet-wide and per agent: what follows is the measuring window.</summary>
    public void ResetDelivery()
    {
        Counters.ResetDelivery();
        foreach (var agent in _agents) agent.Delivery.ResetPackets();
    }

    public FleetReport Report() => FleetReport.Of(_agents, Counters);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        _stop.Dispose();
    }
}
