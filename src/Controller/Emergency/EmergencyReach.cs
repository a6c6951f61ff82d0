using InfoRadio.Controller.Broadcasting;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Emergency;

/// <summary>
/// Pure bookkeeping of an emergency's reach. Each speaker's row follows the delivery of its current attempt, as
/// <see cref="DeliveryTracker"/> keeps it from the speaker's own play events; presence (online, offline) decides when
/// an attempt is abandoned and when a new one starts. The caller passes the time.
/// </summary>
public static class EmergencyReach
{
    /// <summary>Opens the rows: speakers online now are pending on the first airing, the others offline.</summary>
    public static void Open(EmergencyRecord record, IEnumerable<string> deviceIds, Func<string, bool> isOnline)
    {
        record.Devices = deviceIds.Select(id => isOnline(id)
            ? new EmergencyDevice { DeviceId = id, OnlineAtStart = true, Status = EmergencyDeviceStatus.Pending }
            : new EmergencyDevice { DeviceId = id, Status = EmergencyDeviceStatus.Offline, Reason = "offline at the request" }).ToList();
    }

    /// <summary>
    /// Takes what a speaker reported about the broadcast <paramref name="broadcastId"/> into its row, if that
    /// broadcast is the row's current attempt; returns true when the row changed.
    /// </summary>
    public static bool ApplyDelivery(EmergencyRecord record, EmergencyDevice row, string broadcastId, DeviceDeliveryView delivery)
    {
        if (row.BroadcastId != broadcastId || !row.InFlight) return false;
        var before = (row.Status, row.ReachedAt, row.FinishedAt, row.Reason);
        if (delivery.StartedAt is { } started) Reach(record, row, started);
        switch (delivery.Status)
        {
            case DeliveryStatus.Playing:
                row.Status = EmergencyDeviceStatus.Playing;
                break;
            case DeliveryStatus.Finished:
                row.Status = EmergencyDeviceStatus.Finished;
                row.FinishedAt = delivery.FinishedAt;
                row.Reason = null;
                break;
            case DeliveryStatus.Failed:
                row.Status = EmergencyDeviceStatus.Failed;
                row.FinishedAt = delivery.FinishedAt;
                row.Reason = delivery.Reason ?? "the airing failed";
                break;
        }
        return before != (row.Status, row.ReachedAt, row.FinishedAt, row.Reason);
    }

    /// <summary>
    /// Takes a speaker's own play event for its current attempt straight into its row, even after the broadcast gave
    /// up waiting for it: a controller swamped by hundreds of reports may read a play-started after the broadcast's
    /// grace, and the speaker did play. Returns true when the row changed.
    /// </summary>
    public static bool ApplyEvent(EmergencyRecord record, EmergencyDevice row, string session, DeviceEventType type, DateTimeOffset receivedAt)
    {
        if (row.BroadcastId != session || record.State != EmergencyState.Active) return false;
        if (type is not (DeviceEventType.PlayStarted or DeviceEventType.PlayFinished)) return false;
        if (row.Status is EmergencyDeviceStatus.Dropped or EmergencyDeviceStatus.Finished) return false;
        var changed = row.ReachedAt is null;
        Reach(record, row, receivedAt);
        if (type == DeviceEventType.PlayFinished)
        {
            row.Status = EmergencyDeviceStatus.Finished;
            row.FinishedAt = receivedAt;
            row.Reason = null;
            return true;
        }
        if (row.Status == EmergencyDeviceStatus.Pending)
        {
            row.Status = EmergencyDeviceStatus.Playing;
            return true;
        }
        return changed;
    }

    /// <summary>
    /// The speaker went offline: an attempt under way is abandoned (the caller withdraws it from that speaker), and a
    /// failed one becomes eligible for a retry. Returns the broadcast to withdraw from, or null when nothing was under way.
    /// </summary>
    public static string? MarkOffline(EmergencyDevice row)
    {
        if (row.Status == EmergencyDeviceStatus.Failed)
        {
            // A failed airing (interrupted, unreported) is retried once the speaker has been away and is back.
            row.Status = EmergencyDeviceStatus.Dropped;
            row.Reason = "went offline after a failed airing";
            return null;
        }
        if (!row.InFlight) return null;
        row.Status = EmergencyDeviceStatus.Dropped;
        row.Reason = row.ReachedAt is null ? "went offline before playing" : "went offline while playing";
        return row.BroadcastId;
    }

    /// <summary>
    /// True when a speaker now online should be given the emergency from the start: the emergency is on, the speaker
    /// was away (offline at the request, or dropped), the retry window is open, and it has retries left.
    /// </summary>
    public static bool ShouldRetry(EmergencyRecord record, EmergencyDevice row, DateTimeOffset now, EmergencyOptions options)
    {
        if (record.State != EmergencyState.Active) return false;
        // Only a speaker that was away: one online all along whose airing failed is not replayed over and over.
        if (row.Status is not (EmergencyDeviceStatus.Offline or EmergencyDeviceStatus.Dropped)) return false;
        if (now > RetryDeadline(record, options)) return false;
        // The first airing to a speaker offline at the request is not a retry of anything it had; it is still counted,
        // so a flapping link is bounded either way.
        return row.Retries < options.MaxRetriesPerDevice;
    }

    /// <summary>A new attempt to the speaker: <paramref name="broadcastId"/> now carries its emergency.</summary>
    public static void BeginRetry(EmergencyDevice row, string broadcastId)
    {
        row.BroadcastId = broadcastId;
        row.Status = EmergencyDeviceStatus.Pending;
        row.Retries++;
        row.Reason = null;
        row.FinishedAt = null;
    }

    public static DateTimeOffset RetryDeadline(EmergencyRecord record, EmergencyOptions options) =>
        record.AiringEndsAt + TimeSpan.FromSeconds(options.RetryWindowSeconds);

    /// <summary>
    /// True when an active emergency is over by itself: nothing is under way and either every speaker played it to
    /// the end or the retry window has closed.
    /// </summary>
    public static bool IsOver(EmergencyRecord record, DateTimeOffset now, EmergencyOptions options)
    {
        if (record.State != EmergencyState.Active) return false;
        if (record.Devices.Any(d => d.InFlight)) return false;
        return record.Devices.All(d => d.Status == EmergencyDeviceStatus.Finished) || now > RetryDeadline(record, options);
    }

    /// <summary>Ends the emergency: rows still open are closed with <paramref name="reason"/> (or as offline).</summary>
    public static void Close(EmergencyRecord record, EmergencyState state, string? reason, DateTimeOffset now)
    {
        record.State = state;
        record.EndedAt = now;
        record.Reason = reason;
        foreach (var row in record.Devices)
        {
            if (row.Status == EmergencyDeviceStatus.Offline) row.Reason = "offline for the whole emergency";
            else if (row.InFlight)
            {
                row.Status = EmergencyDeviceStatus.Failed;
                row.Reason = reason ?? "the emergency ended before the speaker finished";
            }
        }
    }

    private static void Reach(EmergencyRecord record, EmergencyDevice row, DateTimeOffset startedAt)
    {
        if (row.ReachedAt is not null) return;
        row.ReachedAt = startedAt;
        row.ReachedMs = (long)Math.Max(0, (startedAt - record.RequestedAt).TotalMilliseconds);
    }
}
