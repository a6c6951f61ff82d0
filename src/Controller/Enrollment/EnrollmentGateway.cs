using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// Connects <see cref="EnrollmentService"/> to MQTT: takes the requests the bus receives and publishes the answers
/// on the serial's response topic (QoS 1, never retained: a box that is not listening asks again later).
/// </summary>
public sealed partial class EnrollmentGateway(EnrollmentService service, ControllerBus bus, ILogger<EnrollmentGateway> logger)
    : IHostedService, IEnrollmentRequestHandler
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.EnrollmentHandler = this;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (ReferenceEquals(bus.EnrollmentHandler, this)) bus.EnrollmentHandler = null;
        return Task.CompletedTask;
    }

    public Task OnEnrollmentRequestAsync(string serial, EnrollmentRequest request) =>
        service.OnRequest(serial, request) is { } response ? SendAsync(response) : Task.CompletedTask;

    /// <summary>Publishes an answer; false when the link is down (the box asks again and gets a fresh one).</summary>
    public async Task<bool> SendAsync(EnrollmentResponse response, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            await bus.PublishAsync(TopicTree.EnrollmentResponse(response.Serial), MessageCodec.Encode(response),
                MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is BusNotConnectedException or BusPublishException or OperationCanceledException)
        {
            LogSendFailed(response.Serial, response.Status, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 3910, Level = LogLevel.Warning, Message = "Enrollment answer ({Status}) to serial {Serial} not sent: {Problem}")]
    private partial void LogSendFailed(string serial, EnrollmentStatus status, string problem);
}
