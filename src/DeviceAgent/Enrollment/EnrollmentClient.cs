using System.Security.Cryptography;
using System.Threading.Channels;
using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Link;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent.Enrollment;

/// <summary>
/// Asks the controller for this box's credentials: connects as an enrollment session (username <c>enroll</c>, the
/// enrollment token, client id <c>enroll.{serial}</c>, no Will), subscribes to its response topic and sends its
/// request (serial, firmware, IMEI, public key), again every <see cref="AgentOptions.EnrollmentRetrySeconds"/>
/// until an approved answer for its own key arrives, which it opens with its private key. Reconnects with backoff.
/// </summary>
public sealed partial class EnrollmentClient(AgentOptions options, ECDiffieHellman key, TimeProvider time, ILogger logger, Random? random = null)
{
    private readonly string _serial = EnrollmentIds.TryCanonical(options.Serial) ?? throw new ArgumentException(EnrollmentIds.CheckSerial(options.Serial), nameof(options));
    private readonly byte[] _publicKey = DeviceKeys.ExportPublic(key);
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(options.ReconnectMinDelayMs),
        TimeSpan.FromMilliseconds(options.ReconnectMaxDelayMs), random ?? Random.Shared);

    /// <summary>What a technician compares: the fingerprint the controller shows for this serial.</summary>
    public string KeyFingerprint => DeviceKeys.Fingerprint(_publicKey);

    /// <summary>The latest status the controller answered with (null before the first answer).</summary>
    public EnrollmentStatus? LastStatus { get; private set; }

    /// <summary>Runs until credentials sealed to this box's key arrive; throws when cancelled.</summary>
    public async Task<EnrolledCredentials> EnrollAsync(CancellationToken cancellationToken)
    {
        LogEnrolling(logger, _serial, KeyFingerprint, options.ControllerHost, options.ControllerPort);
        var attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await SessionAsync(cancellationToken).ConfigureAwait(false) is { } credentials) return credentials;
                attempt = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                LogSessionFailed(logger, ex.Message);
            }
            await Task.Delay(_backoff.Delay(attempt++), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One enrollment session; returns the credentials, or null when the connection ended without them.</summary>
    private async Task<EnrolledCredentials?> SessionAsync(CancellationToken cancellationToken)
    {
        var answers = Channel.CreateUnbounded<EnrollmentResponse>();
        var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += _ =>
        {
            down.TrySetResult();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            var parsed = MessageCodec.Parse<EnrollmentResponse>(System.Buffers.BuffersExtensions.ToArray(payload));
            if (!parsed.IsOk) LogMalformedAnswer(logger, parsed.Error);
            else answers.Writer.TryWrite(parsed.Value);
            return Task.CompletedTask;
        };
        var connectOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.ControllerHost, options.ControllerPort)
            .WithClientId(EnrollmentIds.ClientId(_serial))
            .WithCredentials(EnrollmentIds.Username, options.EnrollmentToken)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var result = await client.ConnectAsync(connectOptions, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            LogRefused(logger, result.ResultCode.ToString());
            return null;
        }
        try
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(TopicTree.EnrollmentResponse(_serial), MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var granted = await Uncut.SendAsync(c => client.SubscribeAsync(subscribe, c), cancellationToken).ConfigureAwait(false);
            if (granted.Items.Count != 1 || granted.Items.First().ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                LogRefused(logger, "subscription to the response topic refused");
                return null;
            }
            while (!down.Task.IsCompleted)
            {
                await SendRequestAsync(client, cancellationToken).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromSeconds(options.EnrollmentRetrySeconds));
                if (await AwaitAnswerAsync(answers.Reader, down.Task, wait.Token).ConfigureAwait(false) is { } credentials)
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                    return credentials;
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
            return null;
        }
        finally
        {
            answers.Writer.TryComplete();
        }
    }

    /// <summary>Reads answers until credentials for this key arrive, the wait ends, or the connection drops.</summary>
    private async Task<EnrolledCredentials?> AwaitAnswerAsync(ChannelReader<EnrollmentResponse> answers, Task down, CancellationToken wait)
    {
        try
        {
            while (true)
            {
                var next = answers.ReadAsync(wait).AsTask();
                if (await Task.WhenAny(next, down).ConfigureAwait(false) != next) return null;
                var answer = await next.ConfigureAwait(false);
                if (answer.Serial != _serial || answer.KeyFingerprint != KeyFingerprint)
                {
                    // Another box claims this serial: its answers are not for us (and could not be opened anyway).
                    LogForeignAnswer(logger, answer.KeyFingerprint);
                    continue;
                }
                LastStatus = answer.Status;
                switch (answer.Status)
                {
                    case EnrollmentStatus.Pending:
                        LogPending(logger, _serial, KeyFingerprint);
                        break;
                    case EnrollmentStatus.Rejected:
                        LogRejected(logger, _serial, answer.Reason ?? "no reason given");
                        break;
                    case EnrollmentStatus.Approved:
                        var credentials = CredentialSealer.Open(key, _serial, answer.Credentials!, out var problem);
                        if (credentials is not null)
                        {
                            LogApproved(logger, credentials.DeviceId);
                            return credentials;
                        }
                        LogUnopenable(logger, problem ?? "unknown");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task SendRequestAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var request = new EnrollmentRequest
        {
            Serial = options.Serial,
            Firmware = options.Firmware,
            Imei = options.Imei,
            PublicKey = Convert.ToBase64String(_publicKey),
            SentUs = DeviceTime.NowUs(time),
        };
        var message = new MqttApplicationMessageBuilder().WithTopic(TopicTree.EnrollmentRequest(_serial))
            .WithPayload(MessageCodec.Encode(request)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await Uncut.SendAsync(c => client.PublishAsync(message, c), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess) LogRefused(logger, $"request refused: {result.ReasonCode} {result.ReasonString}");
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Enrolling serial {Serial} (key fingerprint {Fingerprint}) at {Host}:{Port}")]
    private static partial void LogEnrolling(ILogger logger, string serial, string fingerprint, string host, int port);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Serial {Serial} waits for a technician's approval; key fingerprint {Fingerprint}")]
    private static partial void LogPending(ILogger logger, string serial, string fingerprint);

    [LoggerMessage(EventId = 62, Level = LogLevel.Error, Message = "Serial {Serial} was rejected: {Reason}; still asking in case it is approved later")]
    private static partial void LogRejected(ILogger logger, string serial, string reason);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "Enrolled as device {DeviceId}")]
    private static partial void LogApproved(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "Enrollment session refused or cut: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 65, Level = LogLevel.Warning, Message = "Enrollment session failed: {Problem}")]
    private static partial void LogSessionFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 66, Level = LogLevel.Warning, Message = "Enrollment answer dropped: {Problem}")]
    private static partial void LogMalformedAnswer(ILogger logger, string problem);

    [LoggerMessage(EventId = 67, Level = LogLevel.Warning, Message = "An enrollment answer for another key ({Fingerprint}) claiming this serial was ignored")]
    private static partial void LogForeignAnswer(ILogger logger, string fingerprint);

    [LoggerMessage(EventId = 68, Level = LogLevel.Error, Message = "Approved credentials could not be opened: {Problem}")]
    private static partial void LogUnopenable(ILogger logger, string problem);
}
