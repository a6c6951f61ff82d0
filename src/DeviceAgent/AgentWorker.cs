using InfoRadio.DeviceAgent.Enrollment;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoRadio.DeviceAgent;

/// <summary>
/// Runs the speaker as the host's background service: finds its credentials (or enrolls the box first, see
/// <see cref="AgentBootstrap"/>), then runs the <see cref="SpeakerAgent"/> until the host stops or a reboot command.
/// </summary>
public sealed partial class AgentWorker(IOptions<AgentOptions> options, ILoggerFactory loggers, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<AgentWorker> logger) : BackgroundService
{
    /// <summary>Exit code after a reboot command (EX_TEMPFAIL), so <c>Restart=on-failure</c> starts the agent again.</summary>
    public const int RebootExitCode = 75;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bootstrap = new AgentBootstrap(options.Value, loggers, time);
        AgentOptions resolved;
        try
        {
            resolved = await bootstrap.ResolveAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        await using var agent = bootstrap.CreateAgent(resolved);
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
