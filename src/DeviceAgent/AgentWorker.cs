using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent;

/// <summary>
/// Runs the <see cref="SpeakerAgent"/> as the host's background service. The agent itself is a container
/// singleton, so the container disposes it when the host goes.
/// </summary>
public sealed partial class AgentWorker(SpeakerAgent agent, IHostApplicationLifetime lifetime, ILogger<AgentWorker> logger) : BackgroundService
{
    /// <summary>Exit code after a reboot command (EX_TEMPFAIL), so <c>Restart=on-failure</c> starts the agent again.</summary>
    public const int RebootExitCode = 75;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await agent.RunAsync(stoppingToken).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested) return;
        if (agent.Status.RebootRequested)
        {
            LogRebootExit(logger, RebootExitCode);
            Environment.ExitCode = RebootExitCode;
        }
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the host for the requested reboot (exit code {ExitCode})")]
    private static partial void LogRebootExit(ILogger logger, int exitCode);
}
