using System.Buffers;
using System.Threading.Channels;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Messaging;

public sealed partial class ControllerBus
{
    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Taken first: T1 of a clock exchange is when the request reached the controller.
        var receivedUs = NowUs();
        return DispatchAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, receivedUs);
    }

    /// <summary>Reads tapped messages on a thread of its own (the thread pool is what a storm saturates).</summary>
    private void ReadTap(DeviceMessageTap tap, CancellationToken stopping)
    {
        while (tap.Take(stopping) is { } message)
            DispatchAsync(message.Topic, new ReadOnlySequence<byte>(message.Payload), message.ReceivedUs).GetAwaiter().GetResult();
    }

    // Never throws: a bad message is counted, logged and dropped, and the receive loop goes on.
    private async Task DispatchAsync(string? topic, ReadOnlySequence<byte> payload, long receivedUs)
    {
        try
        {
            if (!TopicTree.TryParse(topic, out var name))
            {
                _counters.CountUnexpectedTopic();
                LogUnexpectedTopic(topic ?? "");
                return;
            }
            switch (name.Kind)
            {
                case TopicKind.DeviceState:
                    if (payload.IsEmpty)
                    {
                        // An empty retained message is how MQTT deletes one (e.g. after a device was removed).
                        LogRetainedStateCleared(name.Id);
                        return;
                    }
                    if (Parse<ReportedState>(name, payload) is { } state) _registry.ApplyReportedState(name.Id, state);
                    break;
                case TopicKind.DeviceTelemetry:
                    if (Parse<Telemetry>(name, payload) is { } telemetry) _registry.ApplyTelemetry(name.Id, telemetry);
                    break;
                case TopicKind.DeviceEvents:
                    if (Parse<DeviceEvent>(name, payload) is { } deviceEvent) NotifyObservers(name.Id, deviceEvent);
                    break;
                case TopicKind.ClockRequest:
                    if (Parse<ClockSyncRequest>(name, payload) is { } request) AnswerClock(name.Id, request, receivedUs);
                    break;
                case TopicKind.EnrollmentRequest when EnrollmentHandler is { } enrollment:
                    if (Parse<EnrollmentRequest>(name, payload) is { } enroll) await enrollment.OnEnrollmentRequestAsync(name.Id, enroll).ConfigureAwait(false);
                    break;
                default:
                    _counters.CountUnexpectedTopic();
                    LogUnexpectedTopic(topic ?? "");
                    break;
            }
        }
        catch (Exception ex)
        {
            _counters.CountDispatchFailure();
            LogDispatchFailed(ex, topic ?? "");
        }
    }

    private T? Parse<T>(TopicName name, ReadOnlySequence<byte> payload) where T : class, IValidatable
    {
        var result = payload.IsSingleSegment
            ? MessageCodec.Parse<T>(payload.FirstSpan)
            : MessageCodec.Parse<T>(payload.ToArray());
        if (result.IsOk)
        {
            _counters.CountReceived(name.Kind);
            return result.Value;
        }
        _counters.CountMalformed(name.Kind);
        if (_malformedLog.ShouldLog(name.Id + "/" + name.Kind, out var heldBack)) LogMalformed(name.Id, name.Kind, result.Error, heldBack);
        return null;
    }

    private void NotifyObservers(string deviceId, DeviceEvent deviceEvent)
    {
        // A redelivery (QoS 1, or an agent replaying its journal) reaches no observer: each event counts once.
        if (_deduplicator?.TryClaim(deviceId, deviceEvent.Id) == false)
        {
            _counters.CountDuplicateEvent();
            LogDuplicateEvent(deviceId, deviceEvent.Id);
            return;
        }
        foreach (var observer in _observers.Value)
        {
            try
            {
                observer.OnDeviceEvent(deviceId, deviceEvent);
            }
            catch (Exception ex)
            {
                _counters.CountObserverFailure();
                LogObserverFailed(ex, observer.GetType().Name, deviceId, deviceEvent.Id);
            }
        }
    }

    /// <summary>
    /// Clock requests waiting for their answer; past this many, more are dropped (counted) and the device asks again.
    /// Answers go out one at a time from their own loop: awaited in the receive path, thousands in a reconnect storm
    /// held every state and event behind their writes; sent all at once, they queued ahead of the live audio on the
    /// link.
    /// </summary>
    public const int MaxWaitingClockRequests = 5000;

    private readonly Channel<(string DeviceId, ClockSyncRequest Request, long ReceivedUs)> _clockRequests =
        Channel.CreateBounded<(string, ClockSyncRequest, long)>(new BoundedChannelOptions(MaxWaitingClockRequests) { SingleReader = true });

    private void AnswerClock(string deviceId, ClockSyncRequest request, long receivedUs)
    {
        if (!_clockRequests.Writer.TryWrite((deviceId, request, receivedUs))) _counters.CountClockRequestDropped();
    }

    private async Task AnswerClocksAsync(CancellationToken stopping)
    {
        var reader = _clockRequests.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
                while (reader.TryRead(out var waiting))
                    await AnswerClockAsync(waiting.DeviceId, waiting.Request, waiting.ReceivedUs).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerClockAsync(string deviceId, ClockSyncRequest request, long receivedUs)
    {
        try
        {
            var response = new ClockSyncResponse
            {
                Seq = request.Seq,
                T0Us = request.T0Us,
                T1Us = receivedUs,
                // A wall clock stepped back in between must not yield a response the device rejects.
                T2Us = Math.Max(receivedUs, NowUs()),
            };
            var topic = TopicTree.ClockResponse(deviceId);
            var payload = MessageCodec.Encode(response);
            // With the embedded broker, straight into the device's session: a publish would be dispatched past every session.
            if (_sessionDelivery is not { IsAttached: true } direct)
                await PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false).ConfigureAwait(false);
            else if (!direct.TryDeliver(deviceId, new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build()))
                return; // gone since it asked: it asks again after its reconnect
            _counters.CountClockResponse();
        }
        catch (Exception ex)
        {
            // The link dropped (the device asks again after the reconnect), or a bug: never an unobserved task.
            LogClockResponseFailed(deviceId, ex.Message);
        }
    }

    private long NowUs() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
