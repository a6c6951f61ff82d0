using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Enrollment;

/// <summary>
/// Finds the credentials a speaker agent connects with, then builds it. In order: credentials kept in the state
/// folder (from an enrollment or a rotation; used when no other device id is configured), then
/// <c>Agent:DeviceId</c>/<c>Agent:Secret</c>, else the box enrolls (<see cref="EnrollmentClient"/>) and keeps what it
/// is given. The agent it builds stores every rotated secret in the state folder.
/// </summary>
public sealed partial class AgentBootstrap(AgentOptions options, ILoggerFactory loggers, TimeProvider time)
{
    private readonly ILogger _logger = loggers.CreateLogger<AgentBootstrap>();

    public AgentStateStore State { get; } = new(options.StateDirectory);

    /// <summary>The enrollment client while the box enrolls (null otherwise), for status and tests.</summary>
    public EnrollmentClient? Enrollment { get; private set; }

    /// <summary>The options with the device id and secret to use; enrolls first when needed (until cancelled).</summary>
    /// <exception cref="InvalidOperationException">Neither credentials nor what enrollment needs are configured.</exception>
    public async Task<AgentOptions> ResolveAsync(CancellationToken cancellationToken)
    {
        string? problem = null;
        var stored = string.IsNullOrWhiteSpace(options.StateDirectory) ? null : State.LoadCredentials(out problem);
        if (stored is null && problem is not null) LogStoredUnreadable(_logger, problem);
        if (stored is not null && (string.IsNullOrEmpty(options.DeviceId) || options.DeviceId == stored.DeviceId))
        {
            LogUsingStored(_logger, stored.DeviceId, State.CredentialsPath);
            return options.WithCredentials(stored.DeviceId, stored.Secret);
        }
        if (!string.IsNullOrEmpty(options.DeviceId) && !string.IsNullOrEmpty(options.Secret)) return options;
        if (string.IsNullOrEmpty(options.Serial) || string.IsNullOrEmpty(options.EnrollmentToken))
            throw new InvalidOperationException("No credentials: set Agent:DeviceId and Agent:Secret, or Agent:Serial and Agent:EnrollmentToken to enroll.");

        using var key = State.LoadOrCreateKey();
        Enrollment = new EnrollmentClient(options, key, time, loggers.CreateLogger<EnrollmentClient>());
        var credentials = await Enrollment.EnrollAsync(cancellationToken).ConfigureAwait(false);
        State.SaveCredentials(credentials);
        return options.WithCredentials(credentials.DeviceId, credentials.Secret);
    }

    /// <summary>The speaker agent for <paramref name="resolved"/>, keeping rotated secrets in the state folder.</summary>
    public SpeakerAgent CreateAgent(AgentOptions resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var agent = new SpeakerAgent(resolved, loggers, time);
        if (!string.IsNullOrWhiteSpace(resolved.StateDirectory))
            agent.SecretRotated = secret => State.SaveCredentials(new EnrolledCredentials { DeviceId = resolved.DeviceId, Secret = secret });
        return agent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the credentials of device {DeviceId} kept in {Path}")]
    private static partial void LogUsingStored(ILogger logger, string deviceId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept credentials ignored: {Problem}")]
    private static partial void LogStoredUnreadable(ILogger logger, string problem);
}
