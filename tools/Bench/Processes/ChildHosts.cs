using InfoRadio.Controller.Hosting;
using InfoRadio.DeviceAgent;

namespace InfoRadio.Bench.Processes;

/// <summary>What a child process of a scenario runs: the real controller, or one real speaker agent.</summary>
public static class ChildHosts
{
    /// <summary>The controller, configured by its command line alone (as the product is).</summary>
    public static Task<int> RunControllerAsync(string[] args) => ControllerApp.RunAsync(args);

    public static async Task<int> RunAgentAsync(BenchArgs args)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var options = new AgentOptions
        {
            ControllerHost = "127.0.0.1",
            ControllerPort = args.Int("port", 1883),
            DeviceId = args.Require("id"),
            Secret = args.Require("secret"),
            // Discarding the audio is the default: a scenario that checks the output asks for "--sink wav".
            Sink = args.Get("sink", "null"),
            WavDirectory = args.Get("wav", "."),
            // The latency scenario reads when each block left the sink from a log beside the WAV files.
            SinkTimingLog = args.Get("sink-timing", "false") == "true",
            SinkTimingDirectory = args.Get("wav", "."),
            UseNativeOpus = args.Get("native", "false") == "true",
            StateDirectory = Path.Combine(args.Get("wav", "."), "agent-state-" + args.Require("id")),
        };
        await using var agent = new SpeakerAgent(options, loggers, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try { await agent.RunAsync(stop.Token); }
        catch (OperationCanceledException) { }
        return 0;
    }
}
