using InfoRadio.DeviceAgent;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A real speaker agent with its own MQTT connection over loopback and a WAV sink in a folder.</summary>
public sealed class RunningSpeaker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SpeakerAgent _agent;
    private readonly Task _run;

    /// <param name="stateDirectory">Where the agent keeps its pushed settings (default: beside the WAV folder).</param>
    /// <param name="configure">Changes to the agent's options before it starts (e.g. a simulated board, a shorter telemetry interval).</param>
    public RunningSpeaker(string deviceId, string secret, int brokerPort, string wavDirectory, TimeProvider? time = null,
        string? stateDirectory = null, Action<AgentOptions>? configure = null)
    {
        DeviceId = deviceId;
        WavDirectory = wavDirectory;
        var options = new AgentOptions
        {
            ControllerHost = "127.0.0.1",
            ControllerPort = brokerPort,
            DeviceId = deviceId,
            Secret = secret,
            Sink = "wav",
            WavDirectory = wavDirectory,
            StateDirectory = stateDirectory ?? wavDirectory.TrimEnd(Path.DirectorySeparatorChar) + "-state",
            ReconnectMinDelayMs = 100,
            ReconnectMaxDelayMs = 1000,
        };
        configure?.Invoke(options);
        _agent = new SpeakerAgent(options, NullLoggerFactory.Instance, time ?? TimeProvider.System);
        _run = Task.Run(() => _agent.RunAsync(_stop.Token));
    }

    public string DeviceId { get; }
    public string WavDirectory { get; }
    public AgentStatus Status => _agent.Status;
    public InfoRadio.DeviceAgent.Board.IBoardSensors Board => _agent.Board;

    public string WavOf(string session) => Path.Combine(WavDirectory, session + ".wav");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _run; } catch (OperationCanceledException) { }
        await _agent.DisposeAsync();
        _stop.Dispose();
    }
}
