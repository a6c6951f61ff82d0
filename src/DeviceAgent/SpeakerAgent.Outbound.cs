using InfoRadio.DeviceAgent.Board;
using InfoRadio.DeviceAgent.Clock;
using InfoRadio.DeviceAgent.Link;
using InfoRadio.DeviceAgent.Playback;
using InfoRadio.DeviceAgent.Telemetry;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.DeviceAgent;

public sealed partial class SpeakerAgent
{
    private const int MaxReasonLength = 500;

    /// <summary>From the playout (tick thread): publish the event, and let the agent loop react to it.</summary>
    private void OnPlayoutEvent(PlayoutEvent e)
    {
        PublishEvent(e.Type, e.Session, e.AtUs, (long)e.Position, e.Underruns, e.Reason);
        OnOfflineItemEvent(e);
        switch (e.Type)
        {
            case DeviceEventType.PlayFinished:
                Post(() =>
                {
                    var before = _follower.Chosen;
                    _follower.MarkFinished(e.Session);
                    ApplyChoice(before);
                    PublishState();
                });
                break;
            case DeviceEventType.PlayStarted:
                _clockSync.OnPlaybackStarted();
                Post(PublishState);
                break;
            case DeviceEventType.PlayInterrupted:
                Post(PublishState);
                break;
        }
    }

    /// <summary>A sink failure: logged by the sink, reported to the controller here.</summary>
    private void ReportOutputError(string message) =>
        PublishEvent(DeviceEventType.Error, session: null, _clock.ControllerNowUs, position: null, underruns: null, message);

    private void PublishEvent(DeviceEventType type, string? session, long atUs, long? position, long? underruns, string? reason)
    {
        var e = new DeviceEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = type,
            AtUs = atUs,
            Session = session,
            Position = position,
            Underruns = underruns,
            Reason = reason is { Length: > MaxReasonLength } ? reason[..MaxReasonLength] : reason,
        };
        if (e.Validate() is { } invalid)
        {
            // Only a wildly wrong clock gets here (atUs outside 2020–2100); the controller would reject it anyway.
            LogEventInvalid(_logger, type, invalid);
            return;
        }
        _link.EnqueueEvent(TopicTree.DeviceEvents(_options.DeviceId), MessageCodec.Encode(e));
    }

    /// <summary>
    /// Tells the controller, once the link is back, that a long outage filled the event queue and the oldest events
    /// were dropped: their plays are missing from its play log, and this says how many.
    /// </summary>
    private void ReportDroppedEvents()
    {
        var dropped = _link.UnreportedEventDrops;
        if (dropped == 0) return;
        // The report is on disk before the drops are marked reported: a power cut in between repeats it, never loses it.
        ReportOutputError($"event queue full during an outage: the {dropped} oldest events were dropped (Agent:EventQueue)");
        _link.MarkEventDropsReported();
    }

    /// <summary>Queues the retained reported state; it goes out in order with the events.</summary>
    private void PublishState() =>
        _link.Enqueue(new OutgoingMessage(TopicTree.DeviceState(_options.DeviceId), MessageCodec.Encode(BuildReportedState(online: true)),
            MqttQualityOfServiceLevel.AtLeastOnce, true));

    private async Task RunTelemetryAsync(CancellationToken cancellationToken)
    {
        using var timer = _telemetryTimer = new PeriodicTimer(_telemetryInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await PublishTelemetryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private BoardReading ReadBoard()
    {
        try
        {
            return Board.Read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBoardReadFailed(_logger, ex);
            return BoardReading.Empty;
        }
    }

    private Task<bool> PublishTelemetryAsync(CancellationToken cancellationToken)
    {
        var report = TelemetryBuilder.Build(DeviceTime.NowUs(_time), _options.Firmware, _link.LocalAddress, _engine.Snapshot(),
            _time.GetElapsedTime(_startedTimestamp), ReadBoard());
        if (report.Validate() is { } invalid)
        {
            // A board reading out of the protocol's ranges must not cost the whole report: send what the agent knows.
            LogBoardReadingInvalid(_logger, invalid);
            report = TelemetryBuilder.Build(report.AtUs, _options.Firmware, _link.LocalAddress, _engine.Snapshot(),
                _time.GetElapsedTime(_startedTimestamp), BoardReading.Empty);
        }
        report = report with { PowerRelay = _amplifier.PowerOn, AmplifierRelay = _amplifier.AmplifierOn };
        // Telemetry is QoS 0 and not queued: a report from during an outage is stale by the time it could go.
        return _link.PublishAsync(TopicTree.DeviceTelemetry(_options.DeviceId), MessageCodec.Encode(report),
            MqttQualityOfServiceLevel.AtMostOnce, false, cancellationToken);
    }
}
