using InfoRadio.Controller.Broker;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Storage;
using InfoRadio.DeviceAgent;
using InfoRadio.DeviceAgent.Board;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// Real speaker agents inside the controller process, each with its own MQTT connection over loopback and a WAV
/// sink, so that a newcomer sees speakers online and hears what they played without any hardware.
/// Each start gives the demo speakers fresh secrets: only their hashes are stored.
/// </summary>
public sealed partial class DemoSpeakers(
    IOptions<DemoOptions> demoOptions,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<StorageOptions> storageOptions,
    DeviceRegistry registry,
    Targets.TargetDirectory directory,
    ControllerBus bus,
    ILoggerFactory loggers,
    TimeProvider time,
    ILogger<DemoSpeakers> logger) : BackgroundService
{
    public static string DeviceId(int index) => $"demo-speaker-{index}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = demoOptions.Value;
        var outputRoot = Path.GetFullPath(demo.OutputDir ?? Path.Combine(storageOptions.Value.DataDir, "demo-speakers"));
        await bus.WaitConnectedAsync(stoppingToken);

        var agents = new List<Task>();
        for (var i = 1; i <= demo.Speakers; i++)
        {
            var id = DeviceId(i);
            var secret = registry.Find(id) is null ? registry.Register(id, $"Demo speaker {i}").Secret : registry.RotateSecret(id).Secret;
            var (village, centre) = DemoCalendarSeed.PlacementOf(i);
            directory.Place(id, village, centre ? [DemoCalendarSeed.CentreZone] : []);
            var options = new AgentOptions
            {
                ControllerHost = "127.0.0.1",
                ControllerPort = brokerOptions.Value.Port,
                DeviceId = id,
                Secret = secret,
                Sink = "wav",
                WavDirectory = Path.Combine(outputRoot, id),
                // A demo box has no sensors of its own: a healthy simulated board, so the alarms page has readings.
                Board = new BoardOptions { Kind = BoardOptions.KindSimulated, Serial = $"DEMO-{i:D4}" },
                // Each speaker keeps its own pushed settings, as a box would.
                StateDirectory = Path.Combine(outputRoot, id + "-state"),
            };
            var agent = new SpeakerAgent(options, loggers, time);
            agents.Add(RunAgentAsync(agent, stoppingToken));
        }
        LogStarted(demo.Speakers, outputRoot);
        await Task.WhenAll(agents);
    }

    private static async Task RunAgentAsync(SpeakerAgent agent, CancellationToken ct)
    {
        await using (agent)
        {
            try { await agent.RunAsync(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Demo: {Count} speakers running in-process, writing WAV files under {Directory}")]
    private partial void LogStarted(int count, string directory);
}
