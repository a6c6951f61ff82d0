using System.Globalization;
using InfoRadio.Bench.Scenarios;

namespace InfoRadio.Bench.Processes;

/// <summary>One speaker agent of a <see cref="LoopbackCluster"/> and the folder its sink writes to.</summary>
public sealed record ClusterAgent(string Id, string OutputDirectory);

/// <summary>
/// The controller (embedded broker, LiteDB in a temporary folder) and N speaker agents, each a separate process of
/// this benchmark connected over loopback TCP with its own credentials. Disposing kills them all and removes the
/// folder. Scenarios build on it so that they measure the same deployment.
/// </summary>
public sealed class LoopbackCluster : IDisposable
{
    private readonly List<ChildProcess> _children = [];

    private LoopbackCluster(string work, int httpPort, int brokerPort)
    {
        Work = work;
        HttpPort = httpPort;
        BrokerPort = brokerPort;
        Api = new ControllerApiClient(HttpUri);
    }

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
                "__controller", "--urls", cluster.HttpUri.ToString().TrimEnd('/'), $"--Broker:Port={cluster.BrokerPort}",
                $"--Storage:DataDir={Path.Combine(work, "data")}", "--Logging:LogLevel:Default=Warning", .. controllerArgs ?? [],
            ]));
            await cluster.Api.WaitHealthyAsync(TimeSpan.FromSeconds(60));

            for (var i = 1; i <= agents; i++)
            {
                var id = $"bench-agent-{i}";
                var secret = await cluster.Api.RegisterAsync(id);
                var output = Path.Combine(work, id);
                cluster.Agents.Add(new ClusterAgent(id, output));
                cluster._children.Add(ChildProcess.Start(id, [
                    "__agent", "--id", id, "--secret", secret, "--port", cluster.BrokerPort.ToString(CultureInfo.InvariantCulture),
                    "--sink", "wav", "--wav", output, .. agentArgs ?? [],
                ]));
            }
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await cluster.Api.OnlineCountAsync() < agents)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("agents did not come online");
                await Task.Delay(100);
            }
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var child in _children) child.Dispose();
        Api.Dispose();
        if (Keep) Console.Error.WriteLine($"kept {Work}");
        else try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
