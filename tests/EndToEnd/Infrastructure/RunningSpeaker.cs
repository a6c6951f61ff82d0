using InfoRadio.DeviceAgent;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>A real speaker agent with its own MQTT connection over loopback and a WAV sink in a folder.</summary>
public sealed class RunningSpeaker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SpeakerAgent _agent;
    private readonly Task _run;

    /// <param name="configure">Changes to the options before the agent starts, e.g. TLS.</param>
    public RunningSpeaker(string deviceId, string secret, int brokerPort, string wavDirectory, TimeProvider? time = null,
        Action<AgentOptions>? configure = null)
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

    public string WavOf(string session) => Path.Combine(WavDirectory, session + ".wav");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _run; } catch (OperationCanceledException) { }
        await _agent.DisposeAsync();
        _stop.Dispose();
    }
}
