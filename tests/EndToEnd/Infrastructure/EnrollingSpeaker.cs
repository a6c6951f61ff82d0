using InfoRadio.DeviceAgent;
using InfoRadio.DeviceAgent.Enrollment;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real speaker agent that boots as a new box would: only a serial and the enrollment token, a state folder and a
/// WAV sink. It enrolls (<see cref="AgentBootstrap"/>), then runs as the device it was approved as.
/// </summary>
public sealed class EnrollingSpeaker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private volatile SpeakerAgent? _agent;
    private int _disposed;

    public EnrollingSpeaker(string serial, string token, int brokerPort, string folder)
    {
        StateDirectory = Path.Combine(folder, "state");
        WavDirectory = Path.Combine(folder, "wav");
        Options = new AgentOptions
        {
            ControllerHost = "127.0.0.1",
            ControllerPort = brokerPort,
            Serial = serial,
            EnrollmentToken = token,
            StateDirectory = StateDirectory,
            EnrollmentRetrySeconds = 1,
            Sink = "wav",
            WavDirectory = WavDirectory,
            ReconnectMinDelayMs = 100,
            ReconnectMaxDelayMs = 1000,
        };
        Bootstrap = new AgentBootstrap(Options, NullLoggerFactory.Instance, TimeProvider.System);
        _run = Task.Run(RunAsync);
    }

    public AgentOptions Options { get; }
    public AgentBootstrap Bootstrap { get; }
    public string StateDirectory { get; }
    public string WavDirectory { get; }

    /// <summary>The speaker once enrolled (null while it waits).</summary>
    public SpeakerAgent? Agent => _agent;

    public bool IsConnectedAsDevice => _agent?.Status.Connected == true;

    public string WavOf(string session) => Path.Combine(WavDirectory, session + ".wav");

    private async Task RunAsync()
    {
        var resolved = await Bootstrap.ResolveAsync(_stop.Token);
        _agent = Bootstrap.CreateAgent(resolved);
        await _agent.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        try { await _run; } catch (OperationCanceledException) { }
        if (_agent is { } agent) await agent.DisposeAsync();
        _stop.Dispose();
    }
}
