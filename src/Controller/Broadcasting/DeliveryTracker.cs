using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Pure bookkeeping of who played a broadcast, driven only by the speakers' own events. A status never goes
/// back: a late play-started after play-finished, or any event after a failure, changes nothing.
/// </summary>
public static class DeliveryTracker
{
    /// <summary>
    /// Applies a speaker's event; returns true when the delivery's status changed, which is when the record must be
    /// stored. An underrun count only rides along (it is in memory for the live view, stored with the next status
    /// change or the broadcast's end): a fleet underrunning on a busy controller reports once a second per speaker,
    /// and rewriting the record for each would only make the controller busier.
    /// </summary>
    public static bool Apply(DeviceDelivery delivery, DeviceEvent deviceEvent, DateTimeOffset receivedAt)
    {
        if (delivery.IsSettled) return false;
        if (deviceEvent.Underruns is { } underruns && underruns > delivery.Underruns) delivery.Underruns = underruns;
        switch (deviceEvent.Type)
        {
            case DeviceEventType.PlayStarted when delivery.Status == DeliveryStatus.Pending:
                delivery.Status = DeliveryStatus.Playing;
                delivery.StartedAt = receivedAt;
                return true;
            case DeviceEventType.PlayFinished:
                delivery.Status = DeliveryStatus.Finished;
                delivery.StartedAt ??= receivedAt;
                delivery.FinishedAt = receivedAt;
                return true;
            case DeviceEventType.PlayInterrupted:
                delivery.Status = DeliveryStatus.Failed;
                delivery.FinishedAt = receivedAt;
                delivery.Reason = "interrupted: " + (deviceEvent.Reason ?? "no reason given");
                return true;
            default:
                return false;
        }
    }

    /// <summary>Fails every delivery still open when the broadcast is over.</summary>
    public static void FailUnsettled(IEnumerable<DeviceDelivery> deliveries, Func<string, string> reasonFor)
    {
        foreach (var delivery in deliveries)
        {
            if (delivery.IsSettled) continue;
            delivery.Reason = reasonFor(delivery.DeviceId);
            delivery.Status = DeliveryStatus.Failed;
        }
    }

    public static bool AllSettled(IReadOnlyCollection<DeviceDelivery> deliveries) => deliveries.All(d => d.IsSettled);

    /// <summary>The broadcast's state once it is over.</summary>
    public static BroadcastState FinalState(IReadOnlyCollection<DeviceDelivery> deliveries) =>
        deliveries.Any(d => d.Status == DeliveryStatus.Finished) ? BroadcastState.Finished : BroadcastState.Failed;
}
