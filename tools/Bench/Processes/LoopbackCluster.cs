using System.Globalization;
using InfoRadio.Bench.Scenarios;

namespace InfoRadio.Bench.Processes;

/// <summary>One speaker agent of a <see cref="LoopbackCluster"/> and the folder its sink writes to.</summary>
public sealed record ClusterAgent(string Id, string OutputDirectory);

/// <summary>
/// The controller (embedded broker, LiteDB in a temporary folder) and speaker agents, each a separate process
/// connected over loopback TCP with its own registered credentials: N of this benchmark's <c>__agent</c> verb writing
/// WAV files from the start, and any a scenario adds (<see cref="AddBenchAgentAsync"/>, <see cref="AddAgentProgramAsync"/>).
/// Disposing kills them all and removes the folder. Scenarios build on it so that they measure the same deployment.
/// </summary>
public sealed class LoopbackCluster : IDisposable
{
    private readonly List<ChildProcess> _children = [];

    private LoopbackCluster(string work, int httpPort, int brokerPort)
    {
        Work = work;
        HttpPort = httpPort;
        BrokerPort = brokerPort;
        Api = new ControllerApiClient(HttpUri, InstallerToken);
    }

    /// <summary>A technician of this cluster's controller only (registering speakers needs one); random per cluster.</summary>
    public string InstallerToken { get; } = "bench-installer-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string Work { get; }
    public int HttpPort { get; }
    public int BrokerPort { get; }
    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort}");
    public ControllerApiClient Api { get; }
    public List<ClusterAgent> Agents { get; } = [];

    /// <summary>Leaves the folder (data, agents' output) in place for inspection.</summary>
    public bool Keep { get; set; }

    /// <param name="name">Names the temporary folder.</param>
    /// <param name="controllerArgs">Extra configuration for the controller, e.g. <c>--Broadcast:FinishGraceMs=500</c>.</param>
    /// <param name="agentArgs">Extra options of every <c>__agent</c>, e.g. <c>--sink-timing true</c>.</param>
    public static async Task<LoopbackCluster> StartAsync(string name, int agents, IEnumerable<string>? controllerArgs = null,
        IEnumerable<string>? agentArgs = null)
    {
        var work = Directory.CreateTempSubdirectory($"inforadio-bench-{name}-").FullName;
        var cluster = new LoopbackCluster(work, Ports.Free(), Ports.Free());
        try
        {
            cluster._children.Add(ChildProcess.Start("controller", [
                "__controller", .. ControllerProcess.Arguments(cluster.HttpUri, cluster.BrokerPort, Path.Combine(work, "data"), cluster.InstallerToken, controllerArgs),
            ]));
            await cluster.Api.WaitHealthyAsync(TimeSpan.FromSeconds(60));

            for (var i = 1; i <= agents; i++)
            {
                var id = $"bench-agent-{i}";
                var output = Path.Combine(work, id);
                cluster.Agents.Add(new ClusterAgent(id, output));
                await cluster.AddBenchAgentAsync(id, ["--sink", "wav", "--wav", output, .. agentArgs ?? []]);
            }
            await cluster.WaitOnlineAsync(agents, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Registers <paramref name="id"/> and starts it as this benchmark's <c>__agent</c> verb.</summary>
    public async Task<ChildProcess> AddBenchAgentAsync(string id, params string[] extraArgs)
    {
        var secret = await Api.RegisterAsync(id);
        var port = BrokerPort.ToString(CultureInfo.InvariantCulture);
        return Track(ChildProcess.Start(id, ["__agent", "--id", id, "--secret", secret, "--port", port, .. extraArgs]));
    }

    /// <summary>
    /// Registers <paramref name="id"/> and starts the real agent program, as deployed (<paramref name="program"/>: a
    /// native executable, or an assembly run by dotnet), configured on its command line.
    /// </summary>
    public async Task<ChildProcess> AddAgentProgramAsync(string id, string program, IEnumerable<string> settings,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var secret = await Api.RegisterAsync(id);
        string[] args = [$"--Agent:DeviceId={id}", $"--Agent:Secret={secret}", "--Agent:ControllerHost=127.0.0.1",
            $"--Agent:ControllerPort={BrokerPort.ToString(CultureInfo.InvariantCulture)}", .. settings];
        return Track(ChildProcess.StartProgram(id, program, args, environment));
    }

    /// <summary>Starts another child verb of this benchmark (e.g. <c>__agents</c>), stopped with the cluster.</summary>
    public ChildProcess StartChild(string name, params string[] args) => Track(ChildProcess.Start(name, args));

    /// <summary>A child verb at a lower priority (niceness 1–19), e.g. simulated speakers that stand in for other boxes.</summary>
    public ChildProcess StartNicedChild(string name, int niceness, params string[] args) => Track(ChildProcess.StartNiced(name, niceness, args));

    public async Task WaitOnlineAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await Api.OnlineCountAsync() < count)
        {
            if (_children.FirstOrDefault(c => c.HasExited) is { } dead) throw new InvalidOperationException($"{dead.Name} exited");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {count} agents came online");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the children and removes the work folder; a second call does nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var child in _children) child.Dispose();
        Api.Dispose();
        if (Keep) Console.Error.WriteLine($"kept {Work}");
        else try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }

    private bool _disposed;

    private ChildProcess Track(ChildProcess child)
    {
        _children.Add(child);
        return child;
    }
}
