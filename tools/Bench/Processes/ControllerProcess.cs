using System.Globalization;
using InfoRadio.Bench.Scenarios;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// The real controller in its own OS process, on a fixed data folder and fixed ports, so that a scenario or a test can
/// kill it (SIGKILL: a crash or a power cut), stop it (SIGTERM: a service stop) and start it again on the same folder,
/// where speakers find it at the same address. Shared by tools/Bench and tests/EndToEnd (source-linked).
/// </summary>
public sealed class ControllerProcess : IDisposable
{
    private readonly Func<string, IReadOnlyList<string>, ChildProcess> _launch;
    private readonly IReadOnlyList<string> _extraArgs;

    /// <param name="launch">Starts a child with the controller's arguments: <see cref="BenchVerb"/> or <see cref="Program"/>.</param>
    /// <param name="extraArgs">More configuration, e.g. <c>--Broker:Embedded=false</c>.</param>
    public ControllerProcess(string dataDir, Func<string, IReadOnlyList<string>, ChildProcess> launch, IEnumerable<string>? extraArgs = null,
        int? httpPort = null, int? brokerPort = null)
    {
        DataDir = dataDir;
        _launch = launch;
        _extraArgs = [.. extraArgs ?? []];
        HttpPort = httpPort ?? Ports.Free();
        BrokerPort = brokerPort ?? Ports.Free();
        Api = new ControllerApiClient(HttpUri, InstallerToken);
    }

    /// <summary>This benchmark's <c>__controller</c> verb (the controller's code in the benchmark's process image).</summary>
    public static Func<string, IReadOnlyList<string>, ChildProcess> BenchVerb =>
        (name, args) => ChildProcess.Start(name, ["__controller", .. args]);

    /// <summary>The built controller program (an assembly run by dotnet, or a native executable), as deployed.</summary>
    public static Func<string, IReadOnlyList<string>, ChildProcess> Program(string path) =>
        (name, args) => ChildProcess.StartProgram(name, path, args);

    /// <summary>A technician and broadcaster of this controller only; random per instance, the same across restarts.</summary>
    public string InstallerToken { get; } = "ctl-installer-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string DataDir { get; }
    public int HttpPort { get; }
    public int BrokerPort { get; }
    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");
    public ControllerApiClient Api { get; }

    /// <summary>The running child, or null before the first start and after a stop.</summary>
    public ChildProcess? Child { get; private set; }

    /// <summary>How many times it was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The command line of a controller on <paramref name="dataDir"/> with one technician-broadcaster.</summary>
    public static string[] Arguments(Uri http, int brokerPort, string dataDir, string installerToken, IEnumerable<string>? extraArgs = null) =>
    [
        "--urls", http.ToString().TrimEnd('/'), $"--Broker:Port={brokerPort.ToString(CultureInfo.InvariantCulture)}",
        $"--Storage:DataDir={dataDir}", "--Logging:LogLevel:Default=Warning",
        "--Accounts:Users:99:Name=bench-installer", "--Accounts:Users:99:Roles:0=technician", "--Accounts:Users:99:Roles:1=broadcaster",
        $"--Accounts:Users:99:Token={installerToken}",
        .. extraArgs ?? [],
    ];

    /// <summary>Starts it (again) and waits until it answers <c>/healthz</c>; throws if it exits first.</summary>
    public async Task StartAsync(TimeSpan healthyWithin)
    {
        if (Child is { HasExited: false }) throw new InvalidOperationException("the controller is running");
        Child?.Dispose();
        Starts++;
        var child = _launch($"controller#{Starts.ToString(CultureInfo.InvariantCulture)}", Arguments(HttpUri, BrokerPort, DataDir, InstallerToken, _extraArgs));
        Child = child;
        using var healthy = new CancellationTokenSource(healthyWithin);
        var waiting = Api.WaitHealthyAsync(healthyWithin);
        var exited = Task.Run(async () =>
        {
            while (!child.HasExited && !healthy.IsCancellationRequested) await Task.Delay(50);
        });
        if (await Task.WhenAny(waiting, exited) == exited && child.HasExited)
            throw new InvalidOperationException($"the controller exited with {child.ExitCode.ToString(CultureInfo.InvariantCulture)} before it was healthy");
        await healthy.CancelAsync();
        await waiting;
    }

    /// <summary>SIGKILL: no shutdown at all, as in a crash; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (Child is null) return;
        await Child.KillAsync();
    }

    /// <summary>SIGTERM, as systemd stops the service; returns its exit code once it has exited.</summary>
    public async Task<int> StopAsync(TimeSpan within)
    {
        if (Child is null) return 0;
        using var timeout = new CancellationTokenSource(within);
        await Child.TerminateAsync(timeout.Token);
        return Child.ExitCode;
    }

    public void Dispose()
    {
        Child?.Dispose();
        Api.Dispose();
    }
}
