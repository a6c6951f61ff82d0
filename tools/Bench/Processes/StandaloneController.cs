using System.Globalization;
using InfoRadio.Bench.Scenarios;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// The real controller as a child process (this benchmark's <c>__controller</c> verb) on a data folder the caller
/// keeps, so that it can be stopped and started again on the same store (e.g. against another broker). A technician
/// who is a broadcaster too comes from the command line with <paramref name="token"/>. Disposing kills it.
/// </summary>
public sealed class StandaloneController : IDisposable
{
    private readonly ChildProcess _process;

    private StandaloneController(ChildProcess process, int httpPort, int brokerPort, string token)
    {
        _process = process;
        HttpUri = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/");
        BrokerPort = brokerPort;
        Api = new ControllerApiClient(HttpUri, token);
    }

    public Uri HttpUri { get; }
    public int BrokerPort { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public ControllerApiClient Api { get; }

    /// <param name="work">The data lives in <c>work/data</c>.</param>
    /// <param name="embedded">Run the embedded broker on <paramref name="brokerPort"/>; false: connect to a broker there as <c>controller</c>.</param>
    /// <param name="controllerPassword">The controller's MQTT password at an external broker.</param>
    /// <param name="extraArgs">More configuration, e.g. <c>--Broadcast:FinishGraceMs=500</c>.</param>
    public static async Task<StandaloneController> StartAsync(string work, string token, bool embedded, int brokerPort, string? controllerPassword,
        params string[] extraArgs)
    {
        var httpPort = Ports.Free();
        string[] broker = embedded
            ? [$"--Broker:Port={brokerPort}"]
            : ["--Broker:Embedded=false", "--Broker:Host=127.0.0.1", $"--Broker:Port={brokerPort}", $"--Broker:ControllerPassword={controllerPassword}"];
        var process = ChildProcess.Start("controller", [
            "__controller", "--urls", $"http://127.0.0.1:{httpPort}", .. broker,
            $"--Storage:DataDir={Path.Combine(work, "data")}", "--Logging:LogLevel:Default=Warning",
            "--Accounts:Users:98:Name=bench-technician", "--Accounts:Users:98:Roles:0=technician", "--Accounts:Users:98:Roles:1=broadcaster",
            $"--Accounts:Users:98:Token={token}",
            .. extraArgs,
        ]);
        var controller = new StandaloneController(process, httpPort, brokerPort, token);
        try
        {
            // Healthy means its own MQTT link is up too.
            await controller.Api.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            return controller;
        }
        catch
        {
            controller.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        Api.Dispose();
    }
}
