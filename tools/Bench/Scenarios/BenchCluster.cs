using System.Globalization;
using InfoRadio.Bench.Processes;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// A real controller as a child process (embedded broker, LiteDB in a temporary folder, loopback ports) and the
/// speaker agents a scenario adds to it, each a separate process with its own registered credentials. Disposing
/// kills every child and deletes the folder.
/// </summary>
public sealed class BenchCluster : IDisposable
{
    private readonly List<ChildProcess> _children = [];

    private BenchCluster(string name)
    {
        WorkDirectory = Directory.CreateTempSubdirectory($"inforadio-bench-{name}-").FullName;
        HttpPort = Ports.Free();
        BrokerPort = Ports.Free();
        Api = new ControllerApiClient(new Uri($"http://127.0.0.1:{HttpPort}"));
    }

    public string WorkDirectory { get; }
    public int HttpPort { get; }
    public int BrokerPort { get; }
    public ControllerApiClient Api { get; }

    public static async Task<BenchCluster> StartAsync(string name)
    {
        var cluster = new BenchCluster(name);
        try
        {
            cluster._children.Add(ChildProcess.Start("controller", "__controller", "--urls", $"http://127.0.0.1:{cluster.HttpPort}",
                $"--Broker:Port={cluster.BrokerPort}", $"--Storage:DataDir={Path.Combine(cluster.WorkDirectory, "data")}",
                "--Logging:LogLevel:Default=Warning"));
            await cluster.Api.WaitHealthyAsync(TimeSpan.FromSeconds(60));
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
    /// Registers <paramref name="id"/> and starts the real agent program (InfoRadio.DeviceAgent, built beside this
    /// benchmark) with its own runtime settings and host, configured on its command line.
    /// </summary>
    public async Task<ChildProcess> AddAgentProgramAsync(string id, IEnumerable<string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var secret = await Api.RegisterAsync(id);
        string[] args = [$"--Agent:DeviceId={id}", $"--Agent:Secret={secret}", "--Agent:ControllerHost=127.0.0.1",
            $"--Agent:ControllerPort={BrokerPort.ToString(CultureInfo.InvariantCulture)}", .. settings];
        return Track(ChildProcess.StartDotnet(id, AgentProgramPath(), args, environment));
    }

    /// <summary>
    /// The agent's own build output (src/DeviceAgent/bin/&lt;configuration&gt;/&lt;tfm&gt;), built with this benchmark:
    /// the copy beside the benchmark lacks the Hosting assemblies, which the benchmark takes from ASP.NET Core.
    /// </summary>
    public static string AgentProgramPath()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent?.Name ?? "Release";
        for (var dir = tfmDir; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "InfoRadio.sln"))) continue;
            var path = Path.Combine(dir.FullName, "src", "DeviceAgent", "bin", configuration, tfmDir.Name, "InfoRadio.DeviceAgent.dll");
            if (File.Exists(path)) return path;
            throw new FileNotFoundException($"build the agent first: dotnet build src/DeviceAgent -c {configuration}", path);
        }
        throw new DirectoryNotFoundException("the benchmark does not run from inside the repository");
    }

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

    public void Dispose()
    {
        foreach (var child in _children) child.Dispose();
        Api.Dispose();
        try { Directory.Delete(WorkDirectory, recursive: true); } catch (IOException) { }
    }

    private ChildProcess Track(ChildProcess child)
    {
        _children.Add(child);
        return child;
    }
}
