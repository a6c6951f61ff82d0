using System.Globalization;
using InfoRadio.DeviceAgent;

namespace InfoRadio.Bench.Processes;

/// <summary>
/// The <c>__agents</c> verb: many real speaker agents in one process (each its own MQTT connection, clock sync and
/// playout), for scenarios that need hundreds of speakers on a small machine. Every agent writes to the null sink
/// through the sink timing log, so a scenario reads when each session's first sample left each agent's sink.
/// </summary>
public static class AgentFleetHost
{
    /// <param name="args"><c>--port</c>, <c>--credentials</c> (a file of "id secret" lines), <c>--out</c> (one folder per agent), <c>--native</c>.</param>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
        var port = args.Int("port", 1883);
        var output = args.Require("out");
        var native = args.Get("native", "false") == "true";
        var staggerMs = args.Int("stagger-ms", 5);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

        var agents = new List<SpeakerAgent>();
        var runs = new List<Task>();
        foreach (var line in await File.ReadAllLinesAsync(args.Require("credentials")))
        {
            if (line.Split(' ', 2) is not [var id, var secret]) continue;
            var agent = new SpeakerAgent(new AgentOptions
            {
                ControllerHost = "127.0.0.1",
                ControllerPort = port,
                DeviceId = id,
                Secret = secret,
                Sink = "null",
                SinkTimingLog = true,
                SinkTimingDirectory = Path.Combine(output, id),
                StateDirectory = Path.Combine(output, id + "-state"),
                UseNativeOpus = native,
                ReconnectMinDelayMs = 200,
                ReconnectMaxDelayMs = 2_000,
                // Telemetry is not what this host measures; fewer messages leave the cores to the audio.
                TelemetryIntervalSeconds = 300,
                // N simulated speakers on one box: reading its sensors N times over says nothing about N boxes.
                Board = new InfoRadio.DeviceAgent.Board.BoardOptions { Kind = InfoRadio.DeviceAgent.Board.BoardOptions.KindNone },
            }, loggers, TimeProvider.System);
            agents.Add(agent);
            runs.Add(Task.Run(() => RunOneAsync(agent, stop.Token)));
            // Connecting a few hundred clients at once only queues them at the broker; spread them a little.
            if (staggerMs > 0) await Task.Delay(staggerMs);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{agents.Count} agents started"));
        await Task.WhenAll(runs);
        foreach (var agent in agents) await agent.DisposeAsync();
        return 0;
    }

    private static async Task RunOneAsync(SpeakerAgent agent, CancellationToken ct)
    {
        try { await agent.RunAsync(ct); }
        catch (OperationCanceledException) { }
    }
}
